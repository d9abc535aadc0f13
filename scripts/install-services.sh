#!/usr/bin/env bash
# Installs redis-server and nginx from Debian's packages when they are missing (the Redis cluster tests and
# scripts/conformance-cluster.sh need them). Starts nothing: the tests start their own, on ports of their own.
set -euo pipefail
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "=== apt-get install ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Not root and no sudo: cannot install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive sh -c \
        "apt-get update -qq && apt-get install -y -qq ${missing[*]}" >&2; then
    echo "Installing ${missing[*]} with apt-get failed" >&2
    exit 1
fi
for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is still not on the PATH after apt-get install" >&2; exit 1; }
done
