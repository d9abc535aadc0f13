#!/usr/bin/env bash
# Installs the Python MCP SDK (the `mcp` package from PyPI, pinned) into a virtual environment in the
# per-user tool cache, and prints the absolute path of that environment's python on the LAST line of
# stdout. Everything else goes to stderr, so callers can do:
#
#     PYTHON="$(scripts/setup-python.sh | tail -n 1)"
#
# Used by interop/py-client/run.sh. Needs python3 (3.10 or later) with its venv module, and pip's
# configured package index for the first install.
#
# Cache dir: ${MCP_TOOLS_CACHE:-$HOME/.cache/mcp-spring-tools}/python-mcp-<version>
# Idempotent: a stamp file records what was installed; when it matches and the package imports,
# nothing is downloaded (works offline). Concurrent runs are serialised with flock when available.
set -euo pipefail

MCP_PY_VERSION=2.3.0

CACHE="${MCP_TOOLS_CACHE:-$HOME/.cache/mcp-spring-tools}"
VENV="$CACHE/python-mcp-$MCP_PY_VERSION"
PYTHON="$VENV/bin/python"
STAMP="$VENV/.installed"
STAMP_CONTENT="mcp==$MCP_PY_VERSION"

log() { printf '[setup-python] %s\n' "$*" >&2; }
die() { printf '[setup-python] ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$CACHE"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.python.lock"
  flock 9
fi

installed_ok() {
  [ -x "$PYTHON" ] && "$PYTHON" -c 'import importlib.metadata as m, sys; sys.exit(m.version("mcp") != sys.argv[1])' \
    "$MCP_PY_VERSION" 2>/dev/null
}

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_CONTENT" ] && installed_ok; then
  log "up to date in $VENV"
  printf '%s\n' "$PYTHON"
  exit 0
fi

command -v python3 >/dev/null 2>&1 || die "need python3 (3.10 or later) to create the environment"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
  || die "python3 is $(python3 --version 2>&1); the mcp package needs 3.10 or later"
log "creating $VENV with $(python3 --version 2>&1) and installing $STAMP_CONTENT"
rm -rf "$VENV"
python3 -m venv "$VENV" >&2 || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
# No retries: an index that cannot be reached fails at once instead of after minutes of back-off, and pip
# goes on with the other indexes its configuration names.
"$PYTHON" -m pip install --quiet --disable-pip-version-check --retries 0 --timeout 30 \
  "mcp==$MCP_PY_VERSION" >&2 || die "pip install mcp==$MCP_PY_VERSION failed"
installed_ok || die "mcp $MCP_PY_VERSION does not import in $VENV"

printf '%s\n' "$STAMP_CONTENT" > "$STAMP"
log "done: $("$PYTHON" --version 2>&1), mcp $MCP_PY_VERSION"
printf '%s\n' "$PYTHON"
