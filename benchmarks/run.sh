#!/usr/bin/env bash
# Builds the project with the benchmarks modules, then measures the starter against a bare Spring MVC JSON-RPC
# controller and a Quarkus MCP server (benchmarks/quarkus-server) and prints a markdown table (also saved under
# benchmarks/target/bench-results/).
#
#   benchmarks/run.sh              full run (about 25 minutes)
#   benchmarks/run.sh --quick      short validation run (about 9 minutes), not a measurement
#   benchmarks/run.sh --help       every option (rounds, duration, phases, --profile for JFR, --no-quarkus, ...)
#
# Environment: BENCH_JDK=/path/to/jdk (default: Temurin 25 when installed, else the java on PATH) runs the
# servers and the runner on that JDK; --jdk17 is a shortcut for the Debian JDK 17. SKIP_BUILD=1 reuses the jars.
# Everything listens on and talks to 127.0.0.1 only, and every step has a time-out.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

args=()
for arg in "$@"; do
  case "$arg" in
    --jdk17) BENCH_JDK=/usr/lib/jvm/java-17-openjdk-amd64 ;;
    *) args+=("$arg") ;;
  esac
done

if [[ -z "${BENCH_JDK:-}" ]]; then
  if [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    BENCH_JDK=/usr/lib/jvm/temurin-25-jdk-amd64
  else
    BENCH_JDK="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
fi
JAVA="$BENCH_JDK/bin/java"
[[ -x "$JAVA" ]] || { echo "no java at $JAVA (set BENCH_JDK)" >&2; exit 1; }

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is missing: installing the Debian package" >&2
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    sudo apt-get install -y wrk
  fi
fi

# 10,000 GET streams need 10,000 sockets in the server and as many in the client
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [[ $(ulimit -n) != unlimited && $(ulimit -n) -lt 12000 ]]; then
  echo "warning: ulimit -n is $(ulimit -n); the 10,000-stream figure needs more (raise the hard limit)" >&2
fi

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "building (mvn -q -DskipTests -Pbenchmarks package) ..." >&2
  # a stale fat jar is not always repackaged; remove it so that it bundles this checkout's starter
  rm -f benchmarks/target/benchmarks.jar benchmarks/target/benchmarks.jar.original
  mvn -q -DskipTests -Pbenchmarks package
fi

# The fat jar must carry the starter built from this checkout, not a copy from ~/.m2 (another checkout's)
bundled="$(unzip -p benchmarks/target/benchmarks.jar 'BOOT-INF/lib/mcp-spring-boot-autoconfigure-*.jar' | md5sum)"
built="$(cat mcp-spring-boot-autoconfigure/target/mcp-spring-boot-autoconfigure-*[0-9T].jar | md5sum)"
if [[ "$bundled" != "$built" ]]; then
  echo "benchmarks.jar does not bundle mcp-spring-boot-autoconfigure/target's jar; rebuild the reactor:" >&2
  echo "  rm benchmarks/target/benchmarks.jar && mvn -q -DskipTests -Pbenchmarks package" >&2
  exit 1
fi

# The Quarkus comparison server (module benchmarks/quarkus-server) is built by the same reactor, as a fast-jar:
# benchmarks/quarkus-server/target/quarkus-app/quarkus-run.jar; the runner stops at once when it is missing and
# needed (phases throughput and startup, unless --no-quarkus).
exec "$JAVA" -jar benchmarks/target/benchmarks.jar run --root "$ROOT" --jdk "$BENCH_JDK" \
  --wrk "$(command -v wrk)" "${args[@]+"${args[@]}"}"
