#!/usr/bin/env bash
# Runs every test of the project: the Maven build (unit, integration and interop tests against real HTTP,
# including the TypeScript SDK client run by Node 22, which scripts/setup-node.sh installs on first use),
# then the official MCP conformance suite against conformance-server.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B verify
scripts/conformance.sh
