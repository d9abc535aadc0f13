#!/usr/bin/env bash
# Runs the official MCP conformance suite (the dated 2025 revisions and 2026-07-28)
# against a CLUSTER of conformance-server: two nodes sharing their sessions through
# Redis (mcp.server.session.store=redis) behind a plain round-robin nginx, so that
# consecutive requests of one session (and the GET stream beside its POSTs), and
# the rounds of a 2026-07-28 multi round-trip request, reach different nodes.
#
# Usage:
#   scripts/conformance-cluster.sh [--scenario NAME]...
#
#   --scenario S   only this scenario (repeatable; passed on to conformance.sh),
#                  e.g. to investigate one failure with the nodes' logs.
#
# What it does:
#   1. starts redis-server (from the PATH) on a free 127.0.0.1 port, without
#      persistence (--save "" --appendonly no), in a temp dir of its own;
#   2. starts two nodes of conformance-server.jar (built the way
#      scripts/conformance.sh builds it when missing) on two free ports with
#      --mcp.server.session.store=redis --spring.data.redis.port=<redis port>
#      and one shared --mcp.server.request-state.secret, and waits until both
#      answer initialize;
#   3. starts nginx round robin in front of them (scripts/nginx-round-robin.sh,
#      NGINX_WORK_DIR=<out>/nginx);
#   4. runs scripts/conformance.sh --url http://127.0.0.1:<nginx port>/mcp
#      --revision 2025-03-26 --revision 2025-06-18 --revision 2025-11-25
#      --revision 2026-07-28
#      with CONFORMANCE_OUT=<out> (same baseline, conformance-baseline.yml);
#   5. checks that both nodes are still alive and that nginx's access log shows
#      both upstreams serving requests, and prints a one-line summary of it.
#   Everything it started is stopped on exit. Exit status: 0 when the suite
#   passed (as judged by conformance.sh) and both nodes served requests;
#   the suite's exit status when it failed; 1 or 2 for the other failures.
#
# nginx passes the client's Host header (127.0.0.1:<nginx port>); the server's
# DNS-rebinding check allows localhost / 127.0.0.1 / [::1] on any port, so no
# mcp.server.security.allowed-hosts is needed.
#
# Environment (all optional):
#   CONFORMANCE_CLUSTER_OUT      default target/conformance-cluster: the suite's
#                                results (see conformance.sh), node-1.log,
#                                node-2.log, redis.log, nginx/ (access.log with
#                                the upstream of every request, error.log)
#   CONFORMANCE_JAR              default conformance-server/target/conformance-server.jar
#   CONFORMANCE_JAVA_OPTS        extra JVM options for both nodes
#   CONFORMANCE_STARTUP_TIMEOUT  seconds to wait for each node (default 120)
#   REDIS_SERVER                 the redis-server binary (default: from the PATH)
#   Others (CONFORMANCE_BASELINE, CONFORMANCE_SCENARIO_TIMEOUT_MS, ...) are
#   passed through to scripts/conformance.sh.
set -euo pipefail

REVISIONS=(2025-03-26 2025-06-18 2025-11-25 2026-07-28)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
# redis-server and nginx may live in an sbin directory that is not on a user's PATH
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() { printf '[conformance-cluster] %s\n' "$*" >&2; }
die() { printf '[conformance-cluster] ERROR: %s\n' "$*" >&2; exit 2; }

SCENARIO_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scenario) [ $# -ge 2 ] || die "--scenario needs a value"; SCENARIO_ARGS+=(--scenario "$2"); shift 2 ;;
    --scenario=*) SCENARIO_ARGS+=(--scenario "${1#*=}"); shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

JAR="${CONFORMANCE_JAR:-conformance-server/target/conformance-server.jar}"
OUT="${CONFORMANCE_CLUSTER_OUT:-target/conformance-cluster}"
STARTUP_TIMEOUT="${CONFORMANCE_STARTUP_TIMEOUT:-120}"
"$ROOT/scripts/install-services.sh" redis-server nginx || die "redis-server and nginx are needed (apt-get install -y redis-server nginx)"
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
REDIS_SERVER="${REDIS_SERVER:-$(command -v redis-server || true)}"
[ -n "$REDIS_SERVER" ] && [ -x "$REDIS_SERVER" ] \
  || die "redis-server not found on the PATH (install it: apt-get install -y redis-server)"
command -v java >/dev/null 2>&1 || die "java not found"

# --- Node 22 (for free ports and the initialize probe; conformance.sh uses the same) ---
NODE="$("$ROOT/scripts/setup-node.sh" | tail -n 1)"
[ -x "$NODE" ] || die "setup-node.sh did not yield a node binary (got '$NODE')"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd -P)"
export NGINX_WORK_DIR="$OUT/nginx"
# an nginx left over from an earlier, killed run of this script (same work dir)
"$ROOT/scripts/nginx-round-robin.sh" stop >/dev/null 2>&1 || true
rm -rf "$NGINX_WORK_DIR" "$OUT"/node-*.log "$OUT/redis.log" "$OUT/cluster-summary.txt"

# --- everything started here is stopped on exit --------------------------------------
REDIS_PID=""
REDIS_DIR=""
NODE_PIDS=()
NODE_LOGS=()
NGINX_STARTED=""
SUITE_PID=""

stop_pid() { # pid name
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$2 (pid $pid) did not stop after SIGTERM, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
print_tail() { # file
  if [ -s "$1" ]; then
    printf '\n----- last 60 lines of %s -----\n' "$1" >&2
    tail -n 60 "$1" >&2
    printf -- '----- end of %s -----\n' "$(basename "$1")" >&2
  fi
}
on_exit() {
  local rc=$?
  set +e
  if [ -n "$SUITE_PID" ] && kill -0 "$SUITE_PID" 2>/dev/null; then
    kill -TERM "$SUITE_PID" 2>/dev/null
    wait "$SUITE_PID" 2>/dev/null
  fi
  [ -z "$NGINX_STARTED" ] || "$ROOT/scripts/nginx-round-robin.sh" stop >&2
  local i
  for i in "${!NODE_PIDS[@]}"; do stop_pid "${NODE_PIDS[$i]}" "node $((i + 1))"; done
  [ -z "$REDIS_PID" ] || stop_pid "$REDIS_PID" redis-server
  [ -z "$REDIS_DIR" ] || rm -rf "$REDIS_DIR"
  if [ "$rc" -ne 0 ]; then
    for f in ${NODE_LOGS[@]+"${NODE_LOGS[@]}"}; do print_tail "$f"; done
    print_tail "$OUT/redis.log"
    print_tail "$NGINX_WORK_DIR/error.log"
    log "FAILED (exit $rc); node logs, redis.log, nginx/access.log and the suite's results are under $OUT"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Four distinct free loopback ports (held open together, then released): redis, node 1, node 2, nginx.
read -r REDIS_PORT PORT1 PORT2 NGINX_PORT < <("$NODE" -e '
  const net = require("net");
  const servers = [0, 1, 2, 3].map(() => net.createServer());
  Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", () => ok(s.address().port)))))
    .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });') || true
[ -n "${NGINX_PORT:-}" ] || die "could not find free ports"

# POSTs an initialize request (then DELETEs the session); exit 0 when the server answers 2xx.
probe_server() {
  "$NODE" "$ROOT/scripts/mcp-probe.mjs" "$1" >/dev/null 2>&1
}

# Sends PING to redis on $1; exit 0 on +PONG.
redis_ping() {
  local line=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 2 line <&3 || true
  exec 3<&- 3>&-
  [ "${line%$'\r'}" = "+PONG" ]
}

# --- 1. redis-server ------------------------------------------------------------------
REDIS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/conformance-cluster-redis.XXXXXX")"
log "starting $REDIS_SERVER on 127.0.0.1:$REDIS_PORT (dir $REDIS_DIR, log $OUT/redis.log)"
"$REDIS_SERVER" --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
  --dir "$REDIS_DIR" --daemonize no --logfile "$OUT/redis.log" </dev/null >/dev/null 2>&1 &
REDIS_PID=$!
deadline=$((SECONDS + 30))
until redis_ping "$REDIS_PORT"; do
  kill -0 "$REDIS_PID" 2>/dev/null || die "redis-server exited during startup (see $OUT/redis.log)"
  [ "$SECONDS" -lt "$deadline" ] || die "redis-server not answering PING on port $REDIS_PORT after 30s"
  sleep 0.2
done

# --- 2. two nodes -----------------------------------------------------------------------
if [ ! -f "$JAR" ]; then
  command -v mvn >/dev/null 2>&1 || die "$JAR is missing and mvn is not installed"
  log "$JAR missing; building: mvn -q -DskipTests -pl conformance-server -am package"
  mvn -q -DskipTests -pl conformance-server -am package >&2
  [ -f "$JAR" ] || die "build finished but $JAR does not exist"
fi
# requestState (2026-07-28 multi round-trip) must be sealed with one key on every node
SECRET="$("$NODE" -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')"
n=0
for port in "$PORT1" "$PORT2"; do
  n=$((n + 1))
  nlog="$OUT/node-$n.log"
  log "starting node $n: java ${CONFORMANCE_JAVA_OPTS:-} -jar $JAR --server.port=$port" \
    "--mcp.server.session.store=redis --spring.data.redis.port=$REDIS_PORT (log: $nlog)"
  # shellcheck disable=SC2086  # CONFORMANCE_JAVA_OPTS is intentionally word-split
  java ${CONFORMANCE_JAVA_OPTS:-} -jar "$JAR" --server.port="$port" \
    --mcp.server.session.store=redis --spring.data.redis.port="$REDIS_PORT" \
    --mcp.server.request-state.secret="$SECRET" >"$nlog" 2>&1 </dev/null &
  NODE_PIDS+=($!)
  NODE_LOGS+=("$nlog")
done
n=0
for port in "$PORT1" "$PORT2"; do
  n=$((n + 1))
  deadline=$((SECONDS + STARTUP_TIMEOUT))
  until probe_server "http://127.0.0.1:$port/mcp"; do
    kill -0 "${NODE_PIDS[$((n - 1))]}" 2>/dev/null || die "node $n exited during startup (see $OUT/node-$n.log)"
    [ "$SECONDS" -lt "$deadline" ] || die "node $n not answering initialize on port $port after ${STARTUP_TIMEOUT}s"
    sleep 0.5
  done
  log "node $n is up at http://127.0.0.1:$port/mcp (pid ${NODE_PIDS[$((n - 1))]})"
done

# --- 3. nginx round robin ------------------------------------------------------------------
NGINX_STARTED=1
"$ROOT/scripts/nginx-round-robin.sh" start "$NGINX_PORT" "$PORT1" "$PORT2" >&2
URL="http://127.0.0.1:$NGINX_PORT/mcp"
probe_server "$URL" || die "no MCP server answering initialize through nginx at $URL"

# --- 4. the suite ----------------------------------------------------------------------------
args=(--url "$URL")
for r in "${REVISIONS[@]}"; do args+=(--revision "$r"); done
args+=(${SCENARIO_ARGS[@]+"${SCENARIO_ARGS[@]}"})
log "running: CONFORMANCE_OUT=$OUT scripts/conformance.sh ${args[*]}"
# in the background + wait, so that INT/TERM reach on_exit at once
CONFORMANCE_OUT="$OUT" "$ROOT/scripts/conformance.sh" "${args[@]}" &
SUITE_PID=$!
suite_rc=0
wait "$SUITE_PID" || suite_rc=$?
SUITE_PID=""

# --- 5. both nodes alive, both served ----------------------------------------------------------
rc=0
for i in "${!NODE_PIDS[@]}"; do
  if ! kill -0 "${NODE_PIDS[$i]}" 2>/dev/null; then
    log "node $((i + 1)) died during the suite (see $OUT/node-$((i + 1)).log)"
    rc=1
  fi
done
ACCESS_LOG="$NGINX_WORK_DIR/access.log"
[ -f "$ACCESS_LOG" ] || die "nginx access log $ACCESS_LOG not found"
# lines: <addr> "<request>" <status> -> <upstream_addr> (<upstream_status>) <time> s
count_for() { grep -c -- "-> 127.0.0.1:$1 (" "$ACCESS_LOG" || true; }
total="$(wc -l <"$ACCESS_LOG" | tr -d ' ')"
served1="$(count_for "$PORT1")"
served2="$(count_for "$PORT2")"
errors="$(grep -c -E '" (502|503|504) -> ' "$ACCESS_LOG" || true)"
summary="nginx round robin: $total requests through 127.0.0.1:$NGINX_PORT; node 1 (127.0.0.1:$PORT1) served $served1, node 2 (127.0.0.1:$PORT2) served $served2; $errors answered 502/503/504"
printf '%s\n' "$summary" | tee "$OUT/cluster-summary.txt"
if [ "$served1" -eq 0 ] || [ "$served2" -eq 0 ]; then
  log "both nodes must serve requests, but one served none (see $ACCESS_LOG)"
  rc=1
fi

if [ "$suite_rc" -ne 0 ]; then
  log "the conformance suite FAILED through the cluster (exit $suite_rc); results under $OUT"
  exit "$suite_rc"
fi
[ "$rc" -eq 0 ] || exit "$rc"
log "OK: the ${REVISIONS[*]} suites passed through nginx in front of two Redis-backed nodes"
