#!/usr/bin/env bash
# Runs interop/py-client/client.py (the Python MCP SDK client, the `mcp` package 2.3.0) in the virtual
# environment that scripts/setup-python.sh makes in the tool cache on first use.
#
# Usage: interop/py-client/run.sh TARGET legacy|auto|2026-07-28 [CALLS_JSON] [OPTIONS]
#   e.g. interop/py-client/run.sh http://127.0.0.1:8080/mcp auto \
#          '[{"name":"summarize","arguments":{"text":"..."}}]' --model-reply 'A short summary.'
# TARGET, OPTIONS and the output: see the header of interop/py-client/client.py.
# Prints one JSON line on stdout. Exit codes: 0 ok, 1 failure, 2 usage, 3 connect failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

PYTHON="$("$ROOT/scripts/setup-python.sh" | tail -n 1)"
[ -x "$PYTHON" ] || { echo "py-client/run.sh: setup-python.sh did not yield a python" >&2; exit 1; }

exec "$PYTHON" "$ROOT/interop/py-client/client.py" "$@"
