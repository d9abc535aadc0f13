#!/usr/bin/env bash
# Runs interop/ts-client-v2/client.mjs (the TypeScript MCP SDK v2 client,
# @modelcontextprotocol/client@2.4.0) under Node 22 from scripts/setup-node.sh,
# which installs Node and the package into the tool cache on first use.
#
# Usage: interop/ts-client-v2/run.sh URL legacy|auto|pin[:VERSION] [CALLS_JSON] [OPTIONS]
#   e.g. interop/ts-client-v2/run.sh http://127.0.0.1:8080/mcp pin \
#          '[{"name":"summarize","arguments":{"text":"..."}}]' --model-reply 'A short summary.'
# OPTIONS and the output: see the header of interop/ts-client-v2/client.mjs.
# Prints one JSON line on stdout. Exit codes: 0 ok, 1 failure, 2 usage, 3 connect failed
# (the JSON line is still printed, with connected:false and connectError).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

if [ $# -lt 2 ]; then
  echo "usage: $0 URL legacy|auto|pin[:VERSION] [CALLS_JSON] [OPTIONS]" >&2
  exit 2
fi

NODE="$("$ROOT/scripts/setup-node.sh" | tail -n 1)"
[ -x "$NODE" ] || { echo "ts-client-v2/run.sh: setup-node.sh did not yield a node binary" >&2; exit 1; }
MCP_TOOLS_NODE_MODULES="$(cd "$(dirname "$NODE")/../.." && pwd -P)"
export MCP_TOOLS_NODE_MODULES

exec "$NODE" "$ROOT/interop/ts-client-v2/client.mjs" "$@"
