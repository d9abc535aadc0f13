#!/usr/bin/env bash
# Runs the command-line mode of MCP Inspector (@modelcontextprotocol/inspector 2.12.0) under Node 22 from
# scripts/setup-node.sh, which installs both on first use. Every argument goes to the Inspector's CLI.
#
# Usage: scripts/inspector.sh URL [INSPECTOR OPTIONS]
#   e.g. scripts/inspector.sh http://localhost:8080/mcp --protocol-era modern --method tools/list --strict
#        scripts/inspector.sh http://localhost:8080/mcp --method tools/call --tool-name statistics \
#          --tool-args-json '{"numbers":[1,2,3]}'
# `--protocol-era legacy|auto|modern` picks the protocol era (legacy, a 2025 session, unless said);
# `--strict` with `--method tools/list` reports the tools' schema portability problems and exits 6 on an error;
# `--format json` prints one JSON object. See `scripts/inspector.sh --help` for the rest.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

NODE="$("$ROOT/scripts/setup-node.sh" | tail -n 1)"
[ -x "$NODE" ] || { echo "inspector.sh: setup-node.sh did not yield a node binary" >&2; exit 1; }
LAUNCHER="$(cd "$(dirname "$NODE")/../.." && pwd -P)/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
[ -f "$LAUNCHER" ] || { echo "inspector.sh: no MCP Inspector at $LAUNCHER" >&2; exit 1; }

exec "$NODE" "$LAUNCHER" --cli "$@"
