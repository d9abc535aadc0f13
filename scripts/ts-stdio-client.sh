#!/usr/bin/env bash
# Spawns an MCP server over stdio with an official TypeScript MCP client
# (scripts/ts-stdio-client.mjs): --sdk v1 is @modelcontextprotocol/sdk 1.32.2 (2025 era),
# --sdk v2 is @modelcontextprotocol/client 2.4.0 pinned to 2026-07-28; both run under
# Node 22 from scripts/setup-node.sh, which installs them on first use.
#
# Usage: scripts/ts-stdio-client.sh --sdk v1|v2 [OPTIONS] CALLS_JSON -- COMMAND [ARGS...]
#   e.g. scripts/ts-stdio-client.sh --sdk v1 --model-reply 'A short summary.' \
#          '[{"name":"summarize","arguments":{"text":"..."}}]' \
#          -- java -jar sample-app/target/sample-app.jar --mcp.server.transport.type=stdio
# OPTIONS and the output: see the header of scripts/ts-stdio-client.mjs.
# Prints one JSON line on stdout; the server's stderr comes out on stderr as "[server] ..." lines.
# Exits non-zero (message on stderr) on any protocol/transport error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

if [ $# -lt 3 ]; then
  echo "usage: $0 --sdk v1|v2 [OPTIONS] CALLS_JSON -- COMMAND [ARGS...]" >&2
  exit 2
fi

NODE="$("$ROOT/scripts/setup-node.sh" | tail -n 1)"
[ -x "$NODE" ] || { echo "ts-stdio-client.sh: setup-node.sh did not yield a node binary" >&2; exit 1; }
MCP_TOOLS_NODE_MODULES="$(cd "$(dirname "$NODE")/../.." && pwd -P)"
export MCP_TOOLS_NODE_MODULES

exec "$NODE" "$ROOT/scripts/ts-stdio-client.mjs" "$@"
