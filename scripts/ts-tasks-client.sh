#!/usr/bin/env bash
# Calls one tool of an MCP server as a task (2025-11-25 experimental tasks utility) with the official TypeScript
# SDK client (interop/ts-client/tasks-client.mjs), under Node 22 from scripts/setup-node.sh.
#
# Usage: scripts/ts-tasks-client.sh URL TOOL [ARGS_JSON] [--cancel]
#   e.g. scripts/ts-tasks-client.sh http://127.0.0.1:8080/mcp import_tasks '{"titles":["a","b","c"]}'
# Prints one JSON line on stdout with what the client saw (see the header of tasks-client.mjs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

if [ $# -lt 2 ]; then
  echo "usage: $0 URL TOOL [ARGS_JSON] [--cancel]" >&2
  exit 2
fi

NODE="$("$ROOT/scripts/setup-node.sh" | tail -n 1)"
[ -x "$NODE" ] || { echo "ts-tasks-client.sh: setup-node.sh did not yield a node binary" >&2; exit 1; }
MCP_TOOLS_NODE_MODULES="$(cd "$(dirname "$NODE")/../.." && pwd -P)"
export MCP_TOOLS_NODE_MODULES

exec "$NODE" "$ROOT/interop/ts-client/tasks-client.mjs" "$@"
