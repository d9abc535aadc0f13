#!/usr/bin/env bash
# Calls an MCP server with the official TypeScript SDK client
# (interop/ts-client/client.mjs) under Node 22 from scripts/setup-node.sh.
#
# Usage: scripts/ts-client.sh URL [TOOL [ARGS_JSON]]
#   e.g. scripts/ts-client.sh http://127.0.0.1:8080/mcp test_simple_text '{}'
# Prints one JSON line on stdout:
#   {"serverInfo":...,"protocolVersion":...,"tools":[...],"callResult":...}
# Exits non-zero (message on stderr) on any protocol/transport error.
#
# The SDK is resolved from the tool cache via MCP_TOOLS_NODE_MODULES (see the
# header of interop/ts-client/load-sdk.mjs for why ESM cannot just use NODE_PATH).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
  echo "usage: $0 URL [TOOL [ARGS_JSON]]" >&2
  exit 2
fi

NODE="$("$ROOT/scripts/setup-node.sh" | tail -n 1)"
[ -x "$NODE" ] || { echo "ts-client.sh: setup-node.sh did not yield a node binary" >&2; exit 1; }
MCP_TOOLS_NODE_MODULES="$(cd "$(dirname "$NODE")/../.." && pwd -P)"
export MCP_TOOLS_NODE_MODULES

exec "$NODE" "$ROOT/interop/ts-client/client.mjs" "$@"
