#!/usr/bin/env bash
# Calls one tool of an MCP server with the official TypeScript SDK client
# (interop/ts-client/peer-client.mjs) declaring sampling, roots and elicitation
# and answering them with canned values, under Node 22 from scripts/setup-node.sh.
#
# Usage: scripts/ts-peer-client.sh URL TOOL [ARGS_JSON] [OPTIONS]
#   e.g. scripts/ts-peer-client.sh http://127.0.0.1:8080/mcp summarize '{"text":"..."}' \
#          --model-reply 'A short summary.'
#        scripts/ts-peer-client.sh http://127.0.0.1:8080/mcp import_tasks \
#          '{"titles":["a","b","c"]}' --progress
# OPTIONS: see the header of interop/ts-client/peer-client.mjs.
# Prints one JSON line on stdout with the call's result and what the client's
# handlers saw. Exits non-zero (message on stderr) on any protocol/transport error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

if [ $# -lt 2 ]; then
  echo "usage: $0 URL TOOL [ARGS_JSON] [OPTIONS]" >&2
  exit 2
fi

NODE="$("$ROOT/scripts/setup-node.sh" | tail -n 1)"
[ -x "$NODE" ] || { echo "ts-peer-client.sh: setup-node.sh did not yield a node binary" >&2; exit 1; }
MCP_TOOLS_NODE_MODULES="$(cd "$(dirname "$NODE")/../.." && pwd -P)"
export MCP_TOOLS_NODE_MODULES

exec "$NODE" "$ROOT/interop/ts-client/peer-client.mjs" "$@"
