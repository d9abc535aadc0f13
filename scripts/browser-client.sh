#!/usr/bin/env bash
# Opens an MCP endpoint from a web page in a real browser: Chromium's headless shell (installed from Debian's
# packages by scripts/install-services.sh when missing) loads interop/browser/client.html from another origin
# (served by python3 on a free loopback port), and the page calls the server with fetch, in a 2025-11-25 session
# and as a 2026-07-28 client, so the browser applies CORS as it would for any browser-based MCP client.
#
# Usage: scripts/browser-client.sh URL [--page-host NAME]
#   e.g. scripts/browser-client.sh http://localhost:8080/mcp
#   --page-host NAME  serve the page as http://NAME:PORT (the browser alone resolves NAME to 127.0.0.1) instead of
#                     http://127.0.0.1:PORT: an origin the server does not allow unless it is listed in
#                     mcp.server.security.allowed-origins
# Prints the page's report, one JSON line: {"origin", "legacy": {...}, "modern": {...}}, where a call CORS refused
# is {"error": "TypeError: Failed to fetch"}. Exits non-zero (message on stderr) when the page did not report.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

if [ $# -lt 1 ]; then
  echo "usage: $0 URL [--page-host NAME]" >&2
  exit 2
fi
URL="$1"
shift
PAGE_HOST=127.0.0.1
RULES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --page-host) PAGE_HOST="$2"; RULES=(--host-resolver-rules="MAP $2 127.0.0.1"); shift 2 ;;
    *) echo "browser-client.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

command -v chromium-headless-shell >/dev/null 2>&1 \
  || "$ROOT/scripts/install-services.sh" chromium-headless-shell >&2 \
  || { echo "browser-client.sh: chromium-headless-shell is needed (apt-get install -y chromium-headless-shell)" >&2; exit 1; }

WORK="$(mktemp -d)"
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

python3 -u -m http.server --bind 127.0.0.1 --directory "$ROOT/interop/browser" 0 > "$WORK/server.log" 2>&1 &
SERVER=$!
PORT=""
for _ in $(seq 1 100); do
  PORT="$(sed -n 's/^Serving HTTP on .* port \([0-9]*\) .*/\1/p' "$WORK/server.log")"
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { echo "browser-client.sh: the page server did not start: $(cat "$WORK/server.log")" >&2; exit 1; }

PAGE="http://$PAGE_HOST:$PORT/client.html?mcp=$URL"
# --virtual-time-budget: the page's timers get 30 s of virtual time; time spent waiting for the network does
# not count, so --dump-dom prints the page once its calls have ended
chromium-headless-shell --no-sandbox --disable-gpu --user-data-dir="$WORK/profile" "${RULES[@]}" \
  --virtual-time-budget=30000 --dump-dom "$PAGE" > "$WORK/dom.html" 2> "$WORK/browser.log" || true
REPORT="$(sed -n 's|.*<pre id="report">\([A-Za-z0-9+/=]*\)</pre>.*|\1|p' "$WORK/dom.html")"
if [ -z "$REPORT" ]; then
  echo "browser-client.sh: the page reported nothing from $PAGE" >&2
  tail -n 20 "$WORK/browser.log" >&2
  exit 1
fi
echo "$REPORT" | base64 -d
echo
