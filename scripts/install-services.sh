#!/usr/bin/env bash
# Installs what the tests run from Debian's packages when it is missing: redis-server and nginx (the Redis cluster
# tests and scripts/conformance-cluster.sh) and chromium-headless-shell (scripts/browser-client.sh), or only the
# packages named as arguments. Each package here provides a command of its own name. Starts nothing: the tests
# start their own, on ports of their own.
#
# Usage: scripts/install-services.sh [PACKAGE...]
set -euo pipefail
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
packages=("$@")
[ ${#packages[@]} -eq 0 ] && packages=(redis-server nginx chromium-headless-shell)
missing=()
for package in "${packages[@]}"; do
    command -v "$package" >/dev/null 2>&1 || missing+=("$package")
done
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
