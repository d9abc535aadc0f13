#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance,
# pinned in scripts/setup-node.sh) against conformance-server, once per
# protocol revision plus two more runs (the 2026-07-28 requirement set and the
# mixed-era "all" run), and checks the outcome against conformance-baseline.yml.
#
# Usage:
#   scripts/conformance.sh [--revision R]... [--scenario NAME]... [--url URL]
#
#   --revision R   only this run (repeatable). Default, in this order:
#                  2025-03-26 2025-06-18 2025-11-25 2026-07-28 all.
#   --scenario S   only this scenario (repeatable). Scenarios that do not apply
#                  to a run are simply not run for it.
#   --url URL      test an already running server (e.g. started from the IDE)
#                  instead of starting conformance-server.jar. Must be a
#                  localhost URL such as http://127.0.0.1:8080/mcp.
#
# Environment (all optional):
#   CONFORMANCE_JAR              default conformance-server/target/conformance-server.jar
#                                (built with mvn -q -DskipTests -pl conformance-server -am package
#                                only when missing)
#   CONFORMANCE_BASELINE         default conformance-baseline.yml
#   CONFORMANCE_OUT              default target/conformance
#   CONFORMANCE_JAVA_OPTS        extra JVM options for the server
#   CONFORMANCE_STARTUP_TIMEOUT  seconds to wait for the server (default 120)
#   CONFORMANCE_SCENARIO_TIMEOUT_MS  per-scenario timeout given to the CLI (default 30000)
#   CONFORMANCE_RUN_TIMEOUT      seconds allowed for one run's CLI invocation (default 1200)
#   MCP_TOOLS_CACHE              where setup-node.sh installs Node 22 + the CLI
#
# How scenarios are selected (every run R writes to target/conformance/R/):
#   2025-03-26, 2025-06-18, 2025-11-25 (the dated 2025 revisions):
#     node22 conformance/dist/index.js server --url URL --suite all --spec-version R \
#         -o target/conformance/R/results --timeout MS --expected-failures <generated>
#     "--suite all" + "--spec-version R" = every server scenario whose applicability
#     window (introducedIn <= R < removedIn) contains R, INCLUDING the suite's
#     "pending" ones (the default "active" suite would silently drop them).
#     Extension scenarios (tasks-*, sep-2640-*) and 2026-07-28 ones are never
#     selected for a dated revision. Note: for 2025-03-26 the suite only defines
#     server-session-lifecycle. Plan: `list --server --spec-version R`.
#   2026-07-28 (the stateless revision, run at the 2026-07-28 wire):
#     ... server --url URL --requirements 2026-07-28 -o ... (replaces --suite and
#     --spec-version) = exactly the scenarios the revision requires, plus the ones
#     it runs but never scores (extension tasks-* and pending ones). Plan: `list
#     --server --requirements 2026-07-28` ("Server scenarios" + the "[server]"
#     entries under "Run and reported, but never scored"). The CLI rejects
#     --scenario with --requirements, so --scenario S runs the equivalent
#     `server --scenario S --spec-version 2026-07-28 --force`.
#   all (the mixed-era run):
#     ... server --url URL --suite all -o ... without --spec-version = every server
#     scenario, each at its own era's wire (2026-07-28 for 2026 and extension
#     scenarios, 2025-11-25 otherwise). Plan: `list --server`.
#
# Verdict (same rules as the CLI's --expected-failures, evaluated per run; the
# not-scored scenarios of the 2026-07-28 run are evaluated like all others):
#   a scenario FAILS if any of its checks is FAILURE or WARNING;
#   failing + listed in the baseline     -> expected (ok)
#   failing + not listed                 -> NEW FAILURE (exit 1)
#   passing + listed                     -> STALE baseline entry (exit 1): remove it
#   baseline entry naming a scenario that is not run for that run -> error
# Entries may be "scenario" or "scenario:check-id" (only that check may fail).
# The CLI's own baseline verdict is cross-checked; any disagreement fails too
# (for a full 2026-07-28 run the CLI judges only the scored scenarios, so only
# those are compared).
#
# Output: a per-scenario x run matrix, a per-run count table and a final
# "conformance: N passed, N failed, N skipped" line (skipped = baselined
# failures). Logs: target/conformance/server.log, target/conformance/<run>/cli.log,
# target/conformance/<run>/results/server-<scenario>-<timestamp>/checks.json,
# target/conformance/summary.json. The server is always stopped on exit.
set -euo pipefail

# The runs, in report order: the dated 2025 revisions, the 2026-07-28
# requirement set (REQUIREMENTS_RUN) and the mixed-era run ("all").
ALL_REVISIONS=(2025-03-26 2025-06-18 2025-11-25 2026-07-28 all)
REQUIREMENTS_RUN=2026-07-28

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

log() { printf '[conformance] %s\n' "$*" >&2; }
die() { printf '[conformance] ERROR: %s\n' "$*" >&2; exit 2; }

REVISIONS=()
SCENARIOS=()
URL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --revision) [ $# -ge 2 ] || die "--revision needs a value"; REVISIONS+=("$2"); shift 2 ;;
    --revision=*) REVISIONS+=("${1#*=}"); shift ;;
    --scenario) [ $# -ge 2 ] || die "--scenario needs a value"; SCENARIOS+=("$2"); shift 2 ;;
    --scenario=*) SCENARIOS+=("${1#*=}"); shift ;;
    --url) [ $# -ge 2 ] || die "--url needs a value"; URL="$2"; shift 2 ;;
    --url=*) URL="${1#*=}"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ ${#REVISIONS[@]} -gt 0 ] || REVISIONS=("${ALL_REVISIONS[@]}")
for r in "${REVISIONS[@]}"; do
  case " ${ALL_REVISIONS[*]} " in *" $r "*) ;; *) die "unsupported revision '$r' (supported: ${ALL_REVISIONS[*]})" ;; esac
done

JAR="${CONFORMANCE_JAR:-conformance-server/target/conformance-server.jar}"
BASELINE="${CONFORMANCE_BASELINE:-conformance-baseline.yml}"
OUT="${CONFORMANCE_OUT:-target/conformance}"
STARTUP_TIMEOUT="${CONFORMANCE_STARTUP_TIMEOUT:-120}"
SCENARIO_TIMEOUT_MS="${CONFORMANCE_SCENARIO_TIMEOUT_MS:-30000}"
RUN_TIMEOUT="${CONFORMANCE_RUN_TIMEOUT:-1200}"

[ -f "$BASELINE" ] || die "baseline file not found: $BASELINE"
BASELINE="$(cd "$(dirname "$BASELINE")" && pwd -P)/$(basename "$BASELINE")"

# --- Node 22 + conformance CLI --------------------------------------------------
NODE="$("$ROOT/scripts/setup-node.sh" | tail -n 1)"
[ -x "$NODE" ] || die "setup-node.sh did not yield a node binary (got '$NODE')"
NM="$(cd "$(dirname "$NODE")/../.." && pwd -P)"
CLI="$NM/@modelcontextprotocol/conformance/dist/index.js"
[ -f "$CLI" ] || die "conformance CLI missing at $CLI"
CLI_VERSION="$("$NODE" "$CLI" --version)"
log "node $("$NODE" --version), @modelcontextprotocol/conformance $CLI_VERSION"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd -P)"
SERVER_LOG="$OUT/server.log"
rm -f "$SERVER_LOG" "$OUT/summary.json" "$OUT/summary.txt" "$OUT/report.mjs" "$OUT/server-died.txt"
for r in "${ALL_REVISIONS[@]}"; do rm -rf "${OUT:?}/$r"; done

# --- server lifecycle -----------------------------------------------------------
SERVER_PID=""
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server did not stop after SIGTERM, sending SIGKILL"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
print_server_log_tail() {
  if [ -s "$SERVER_LOG" ]; then
    printf '\n----- last 80 lines of %s -----\n' "$SERVER_LOG" >&2
    tail -n 80 "$SERVER_LOG" >&2
    printf -- '----- end of server log -----\n' >&2
  fi
}
CLI_PID=""
on_exit() {
  local rc=$?
  if [ -n "$CLI_PID" ] && kill -0 "$CLI_PID" 2>/dev/null; then
    kill -TERM "$CLI_PID" 2>/dev/null || true
    wait "$CLI_PID" 2>/dev/null || true
  fi
  stop_server
  if [ "$rc" -ne 0 ]; then print_server_log_tail; fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# POSTs an initialize request; exit 0 when the server answers 2xx.
probe_server() {
  "$NODE" "$ROOT/scripts/mcp-probe.mjs" "$1" >/dev/null 2>&1
}

if [ -z "$URL" ]; then
  if [ ! -f "$JAR" ]; then
    command -v mvn >/dev/null 2>&1 || die "$JAR is missing and mvn is not installed"
    log "$JAR missing; building: mvn -q -DskipTests -pl conformance-server -am package"
    mvn -q -DskipTests -pl conformance-server -am package >&2
    [ -f "$JAR" ] || die "build finished but $JAR does not exist"
  fi
  command -v java >/dev/null 2>&1 || die "java not found"
  PORT="$("$NODE" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  URL="http://127.0.0.1:${PORT}/mcp"
  log "starting: java ${CONFORMANCE_JAVA_OPTS:-} -jar $JAR --server.port=$PORT (log: $SERVER_LOG)"
  # shellcheck disable=SC2086  # CONFORMANCE_JAVA_OPTS is intentionally word-split
  java ${CONFORMANCE_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  deadline=$((SECONDS + STARTUP_TIMEOUT))
  until probe_server "$URL"; do
    kill -0 "$SERVER_PID" 2>/dev/null || die "server process exited during startup (see $SERVER_LOG)"
    [ "$SECONDS" -lt "$deadline" ] || die "server not answering initialize at $URL after ${STARTUP_TIMEOUT}s"
    sleep 0.5
  done
  log "server is up at $URL (pid $SERVER_PID)"
else
  probe_server "$URL" || die "no MCP server answering initialize at $URL"
  log "using already running server at $URL"
fi

# --- report helper: scripts/conformance-report.mjs (plain ESM; resolves 'yaml' from the tool cache) ---
REPORT_JS="$ROOT/scripts/conformance-report.mjs"

export CONF_OUT="$OUT" CONF_NODE_MODULES="$NM" CONF_BASELINE="$BASELINE" \
  CONF_REVISIONS="${REVISIONS[*]}" CONF_ALL_REVISIONS="${ALL_REVISIONS[*]}" \
  CONF_SCENARIOS="${SCENARIOS[*]:-}" CONF_URL="$URL" CONF_CLI_VERSION="$CLI_VERSION" \
  CONF_REQUIREMENTS_RUN="$REQUIREMENTS_RUN"

# CLI options selecting the scenarios of run $1 (see "How scenarios are selected"):
# LIST_ARGS for `list --server`, SUITE_ARGS for the whole run, ONE_ARGS for one --scenario.
select_args() {
  case "$1" in
    all)
      LIST_ARGS=(); SUITE_ARGS=(--suite all); ONE_ARGS=() ;;
    "$REQUIREMENTS_RUN")
      LIST_ARGS=(--requirements "$1"); SUITE_ARGS=(--requirements "$1")
      ONE_ARGS=(--spec-version "$1" --force) ;;
    *)
      LIST_ARGS=(--spec-version "$1"); SUITE_ARGS=(--suite all --spec-version "$1")
      ONE_ARGS=(--spec-version "$1") ;;
  esac
}

# --- scenario lists + baseline validation ------------------------------------------
for rev in "${REVISIONS[@]}"; do
  mkdir -p "$OUT/$rev/results"
  select_args "$rev"
  "$NODE" "$CLI" list --server ${LIST_ARGS[@]+"${LIST_ARGS[@]}"} >"$OUT/$rev/scenarios.txt"
done
"$NODE" "$REPORT_JS" prepare || die "invalid baseline $BASELINE"
if [ ${#SCENARIOS[@]} -gt 0 ]; then
  for s in "${SCENARIOS[@]}"; do
    grep -qx -- "$s" "$OUT"/*/run-scenarios.txt 2>/dev/null || die "scenario '$s' is not part of the runs: ${REVISIONS[*]}"
  done
fi

# --- run the suite, one run at a time ----------------------------------------------
# The CLI runs in the background and we `wait` for it, so INT/TERM traps fire at
# once (and on_exit stops it) instead of after the whole run has finished.
run_cli() {
  local logfile="$1"; shift
  timeout --kill-after=15 "$RUN_TIMEOUT" "$NODE" "$CLI" "$@" >>"$logfile" 2>&1 </dev/null &
  CLI_PID=$!
  local r=0
  wait "$CLI_PID" || r=$?
  CLI_PID=""
  return "$r"
}
for rev in "${REVISIONS[@]}"; do
  n="$(wc -l <"$OUT/$rev/run-scenarios.txt" | tr -d ' ')"
  log "run $rev: running $n scenario(s) (log: $OUT/$rev/cli.log)"
  select_args "$rev"
  common=(--url "$URL" -o "$OUT/$rev/results"
          --timeout "$SCENARIO_TIMEOUT_MS" --expected-failures "$OUT/$rev/expected-failures.yml")
  rc=0
  : >"$OUT/$rev/cli.log"
  if [ ${#SCENARIOS[@]} -eq 0 ]; then
    run_cli "$OUT/$rev/cli.log" server "${SUITE_ARGS[@]}" "${common[@]}" || rc=$?
  else
    while IFS= read -r s; do
      r1=0
      run_cli "$OUT/$rev/cli.log" server --scenario "$s" ${ONE_ARGS[@]+"${ONE_ARGS[@]}"} "${common[@]}" || r1=$?
      [ "$r1" -le "$rc" ] || rc=$r1
    done <"$OUT/$rev/run-scenarios.txt"
  fi
  echo "$rc" >"$OUT/$rev/cli.rc"
  if [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
    log "server process died during run $rev"
    echo "$rev" >>"$OUT/server-died.txt"
  fi
done

"$NODE" "$REPORT_JS" report
