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
  "$NODE" --input-type=module - "$1" <<'EOF' >/dev/null 2>&1
const url = process.argv[2];
const body = { jsonrpc: '2.0', id: 1, method: 'initialize', params: {
  protocolVersion: '2025-11-25', capabilities: {},
  clientInfo: { name: 'conformance-sh-probe', version: '1.0.0' } } };
try {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    signal: AbortSignal.timeout(3000) });
  const sid = res.headers.get('mcp-session-id');
  await res.body?.cancel().catch(() => {});
  if (sid) await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': sid,
    'MCP-Protocol-Version': '2025-11-25' }, signal: AbortSignal.timeout(3000) }).catch(() => {});
  process.exit(res.ok ? 0 : 1);
} catch { process.exit(1); }
EOF
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

# --- report helper (plain ESM; resolves 'yaml' from the tool cache) --------------
REPORT_JS="$OUT/report.mjs"
cat >"$REPORT_JS" <<'EOF'
// Generated by scripts/conformance.sh; do not edit here.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const env = process.env;
const mode = process.argv[2];
const OUT = env.CONF_OUT;
const REVISIONS = env.CONF_REVISIONS.split(' ').filter(Boolean);
const SELECTED = env.CONF_SCENARIOS ? new Set(env.CONF_SCENARIOS.split(' ').filter(Boolean)) : null;
const YAML = createRequire(path.join(env.CONF_NODE_MODULES, 'noop.js'))('yaml');

function fatal(msg) { console.error(`[conformance] ERROR: ${msg}`); process.exit(2); }

// Scenario list of a run, as printed by `conformance list --server [--spec-version R]`
// ("  - name [eras]" under "Server scenarios") or by `conformance list --server
// --requirements R` (the same section, then "    - name [server]" entries under
// "Run and reported, but never scored:"; its client scenarios are ignored).
// Returns { names, notScored: Map name -> reason }.
function scenariosOf(rev) {
  const text = fs.readFileSync(path.join(OUT, rev, 'scenarios.txt'), 'utf8');
  const names = [];
  const notScored = new Map();
  let section = null, reason = null;
  for (const line of text.split('\n')) {
    let m;
    if (/^Server scenarios\b/.test(line)) section = 'server';
    else if (/^Run and reported, but never scored:/.test(line)) section = 'notScored';
    else if (/^\S/.test(line)) section = null;
    else if (section === 'server' && (m = /^\s+- (\S+)/.exec(line))) names.push(m[1]);
    else if (section === 'notScored' && (m = /^\s+(\S[^(]*?) \(\d+\):\s*$/.exec(line))) reason = m[1];
    else if (section === 'notScored' && (m = /^\s+- (\S+) \[server\]\s*$/.exec(line))) {
      names.push(m[1]); notScored.set(m[1], reason ?? 'not scored');
    }
  }
  if (names.length === 0) fatal(`could not parse scenario list for ${rev}:\n${text}`);
  return { names, notScored };
}

// Baseline: mapping "<revision or run>" -> list of "scenario" | "scenario:check-id".
function loadBaseline() {
  const file = env.CONF_BASELINE;
  let doc;
  try { doc = YAML.parse(fs.readFileSync(file, 'utf8')); } catch (e) { fatal(`${file}: ${e.message}`); }
  doc ??= {};
  if (typeof doc !== 'object' || Array.isArray(doc)) fatal(`${file}: top level must be a mapping of revision (or run) -> list`);
  const out = {};
  for (const [rev, list] of Object.entries(doc)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(rev) && rev !== 'all') fatal(`${file}: unexpected top-level key '${rev}' (expected a revision like "2025-11-25", or "all")`);
    if (list !== null && !Array.isArray(list)) fatal(`${file}: '${rev}' must be a list`);
    const entries = [];
    const seen = new Set();
    for (const item of list ?? []) {
      if (typeof item !== 'string') {
        fatal(`${file}: '${rev}' entry ${JSON.stringify(item)} is not a string ` +
          `(write '- scenario:check-id' with NO space after the colon)`);
      }
      if (seen.has(item)) fatal(`${file}: '${rev}' lists '${item}' twice`);
      seen.add(item);
      const i = item.indexOf(':');
      const e = i < 0 ? { raw: item, scenario: item } : { raw: item, scenario: item.slice(0, i), checkId: item.slice(i + 1) };
      if (!e.scenario || e.checkId === '') fatal(`${file}: '${rev}' entry '${item}' is malformed`);
      entries.push(e);
    }
    const wholesale = new Set(entries.filter((e) => !e.checkId).map((e) => e.scenario));
    for (const e of entries) {
      if (e.checkId && wholesale.has(e.scenario)) fatal(`${file}: '${rev}' lists '${e.scenario}' both wholesale and as '${e.raw}'`);
    }
    out[rev] = entries;
  }
  return out;
}

function collapse(checks) { // same as the CLI's collapseDuplicateChecks
  const sev = (s) => (s === 'FAILURE' ? 3 : s === 'WARNING' ? 2 : s === 'SUCCESS' ? 1 : 0);
  const winner = new Map();
  checks.forEach((c, i) => {
    if (c.status === 'INFO') return;
    const cur = winner.get(c.id);
    if (cur === undefined || sev(c.status) >= sev(checks[cur].status)) winner.set(c.id, i);
  });
  return checks.filter((c, i) => c.status === 'INFO' || winner.get(c.id) === i);
}
const isFailed = (c) => c.status === 'FAILURE' || c.status === 'WARNING';

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : d.name === 'checks.json' ? [p] : [];
  });
}

function readResults(rev) {
  const base = path.join(OUT, rev, 'results');
  const byScenario = new Map();
  for (const file of walk(base).sort()) {
    const rel = path.relative(base, path.dirname(file)).split(path.sep).join('/');
    const m = /^server-(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/.exec(rel);
    if (!m) { console.error(`[conformance] warning: ignoring unexpected result dir ${rel}`); continue; }
    let checks;
    try { checks = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) {
      checks = [{ id: 'checks-json-unreadable', status: 'FAILURE', errorMessage: `${file}: ${e.message}` }];
    }
    byScenario.set(m[1], Array.isArray(checks) ? checks : []);
  }
  return byScenario;
}

if (mode === 'prepare') {
  const baseline = loadBaseline();
  let bad = 0;
  for (const rev of Object.keys(baseline)) {
    if (!REVISIONS.includes(rev) && !env.CONF_ALL_REVISIONS.split(' ').includes(rev)) {
      console.error(`[conformance] ERROR: baseline has unknown revision (run) '${rev}'`); bad++;
    }
  }
  for (const rev of REVISIONS) {
    const known = new Set(scenariosOf(rev).names);
    const entries = baseline[rev] ?? [];
    for (const e of entries) {
      if (!known.has(e.scenario)) {
        console.error(`[conformance] ERROR: baseline entry '${e.raw}' under '${rev}': scenario '${e.scenario}' is not part of the ${rev} run`);
        bad++;
      }
    }
    // The CLI's own --expected-failures format.
    const yml = 'server:\n' + entries.map((e) => `  - ${JSON.stringify(e.raw)}\n`).join('');
    fs.writeFileSync(path.join(OUT, rev, 'expected-failures.yml'), entries.length ? yml : 'server: []\n');
    // Scenarios to run for this run.
    const run = [...known].filter((s) => !SELECTED || SELECTED.has(s));
    fs.writeFileSync(path.join(OUT, rev, 'run-scenarios.txt'), run.join('\n') + (run.length ? '\n' : ''));
  }
  process.exit(bad ? 2 : 0);
}

if (mode !== 'report') fatal(`unknown mode ${mode}`);

const baseline = loadBaseline();
const summary = { cli: env.CONF_CLI_VERSION, url: env.CONF_URL, revisions: {} };
const matrix = new Map(); // scenario -> run -> label
const problems = [];
let totalPassed = 0, totalUnexpected = 0, totalExpected = 0, totalStale = 0;

for (const rev of REVISIONS) {
  const planned = fs.readFileSync(path.join(OUT, rev, 'run-scenarios.txt'), 'utf8').split('\n').filter(Boolean);
  const results = readResults(rev);
  const { notScored } = scenariosOf(rev);
  const entries = (baseline[rev] ?? []).filter((e) => planned.includes(e.scenario));
  const wholesale = new Set(entries.filter((e) => !e.checkId).map((e) => e.scenario));
  const perCheck = new Map();
  for (const e of entries.filter((e) => e.checkId)) {
    if (!perCheck.has(e.scenario)) perCheck.set(e.scenario, new Set());
    perCheck.get(e.scenario).add(e.checkId);
  }
  const rs = { scenarios: {}, counts: { scenarios: 0, passed: 0, expectedFailures: 0, unexpectedFailures: 0, stale: 0,
    checksSuccess: 0, checksFailure: 0, checksWarning: 0, checksOther: 0 } };
  const cnt = rs.counts;
  const unexpected = [], stale = [], expected = [];
  let cliScopeBad = false;
  // A full --requirements run: the CLI's baseline verdict covers only the scored scenarios.
  const cliScope = (name) => SELECTED || rev !== env.CONF_REQUIREMENTS_RUN || !notScored.has(name);
  for (const name of [...new Set([...planned, ...results.keys()])]) {
    let checks = results.get(name);
    if (!checks) {
      checks = [{ id: name, name, status: 'FAILURE', description: 'Scenario produced no results',
        errorMessage: `no checks.json for '${name}' (scenario crashed, or the CLI aborted / timed out) - see ${rev}/cli.log` }];
    }
    cnt.scenarios++;
    for (const c of checks) {
      if (c.status === 'SUCCESS') cnt.checksSuccess++;
      else if (c.status === 'FAILURE') cnt.checksFailure++;
      else if (c.status === 'WARNING') cnt.checksWarning++;
      else cnt.checksOther++;
    }
    const failedChecks = collapse(checks).filter(isFailed);
    let outcome;
    const newFail = [], staleHere = [], expectedHere = [];
    if (wholesale.has(name)) {
      if (failedChecks.length) { outcome = 'xfail'; expectedHere.push(name); }
      else { outcome = 'STALE'; staleHere.push(name); }
    } else if (perCheck.has(name)) {
      const ids = perCheck.get(name);
      for (const c of failedChecks) (ids.has(c.id) ? expectedHere : newFail).push(`${name}:${c.id}`);
      for (const id of ids) {
        const emitted = collapse(checks).find((c) => c.id === id && c.status !== 'INFO');
        if (emitted?.status === 'SUCCESS') staleHere.push(`${name}:${id}`);
      }
      outcome = newFail.length ? 'FAIL' : staleHere.length ? 'STALE' : expectedHere.length ? 'xfail' : 'ok';
    } else {
      outcome = failedChecks.length ? 'FAIL' : 'ok';
      if (failedChecks.length) newFail.push(name);
    }
    if (outcome === 'ok') cnt.passed++;
    else if (outcome === 'xfail') cnt.expectedFailures++;
    else if (outcome === 'FAIL') cnt.unexpectedFailures++;
    if (staleHere.length && outcome !== 'FAIL') cnt.stale++;
    unexpected.push(...newFail.map((e) => ({ entry: e, checks: failedChecks.filter((c) => e === name || e === `${name}:${c.id}`) })));
    stale.push(...staleHere);
    expected.push(...expectedHere);
    if ((newFail.length || staleHere.length) && cliScope(name)) cliScopeBad = true;
    if (!matrix.has(name)) matrix.set(name, {});
    matrix.get(name)[rev] = outcome + (notScored.has(name) ? '*' : '');
    rs.scenarios[name] = { outcome, ...(notScored.has(name) ? { notScored: notScored.get(name) } : {}),
      checks: checks.map((c) => ({ id: c.id, status: c.status, errorMessage: c.errorMessage })) };
  }
  // The CLI evaluated the same baseline; its exit code must agree with ours.
  const cliRc = Number(fs.readFileSync(path.join(OUT, rev, 'cli.rc'), 'utf8').trim());
  const ours = cliScopeBad ? 1 : 0;
  if (cliRc !== ours) {
    problems.push(`${rev}: conformance CLI exited ${cliRc}${cliRc === 124 ? ' (timed out)' : ''} but the baseline evaluation says ${ours}; see ${path.join(OUT, rev, 'cli.log')}`);
  }
  rs.cliExitCode = cliRc;
  rs.unexpectedFailures = unexpected.map((u) => u.entry);
  rs.staleEntries = stale;
  rs.expectedFailures = expected;
  summary.revisions[rev] = rs;
  totalPassed += cnt.passed; totalExpected += cnt.expectedFailures;
  totalUnexpected += cnt.unexpectedFailures; totalStale += cnt.stale;
  rs._unexpected = unexpected;
}

const died = path.join(OUT, 'server-died.txt');
if (fs.existsSync(died)) {
  const revs = fs.readFileSync(died, 'utf8').split('\n').filter(Boolean);
  problems.push(`the server process died (first noticed after run ${revs[0]}); see ${path.join(OUT, 'server.log')}`);
}

// ---- print ----
const lines = [];
const p = (s = '') => lines.push(s);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
p(`MCP conformance (@modelcontextprotocol/conformance ${env.CONF_CLI_VERSION}) against ${env.CONF_URL}`);
p();
const w = Math.max(8, ...[...matrix.keys()].map((s) => s.length)) + 2;
const order = [];
for (const rev of [...REVISIONS].reverse()) {
  for (const s of Object.keys(summary.revisions[rev].scenarios)) if (!order.includes(s)) order.push(s);
}
p(pad('scenario', w) + REVISIONS.map((r) => pad(r, 12)).join(''));
p('-'.repeat(w + 12 * REVISIONS.length));
for (const name of order) p(pad(name, w) + REVISIONS.map((r) => pad(matrix.get(name)[r] ?? '-', 12)).join(''));
p('legend: ok = passed, xfail = failing as listed in the baseline, FAIL = new failure, STALE = baselined but passing, - = not part of that run,');
p('        * = run and evaluated, but not scored by the CLI\'s requirement set (extension / pending)');
p();
const hdr = ['revision', 'scenarios', 'passed', 'xfail', 'FAIL', 'STALE', 'checks ok', 'checks failed', 'warnings'];
const widths = [12, 10, 8, 7, 6, 7, 11, 15, 10];
p(hdr.map((h, i) => (i === 0 ? pad(h, widths[i]) : lpad(h, widths[i]))).join(''));
p('-'.repeat(widths.reduce((a, b) => a + b, 0)));
const tot = [0, 0, 0, 0, 0, 0, 0, 0];
for (const rev of REVISIONS) {
  const c = summary.revisions[rev].counts;
  const row = [c.scenarios, c.passed, c.expectedFailures, c.unexpectedFailures, c.stale, c.checksSuccess, c.checksFailure, c.checksWarning];
  row.forEach((v, i) => (tot[i] += v));
  p(pad(rev, widths[0]) + row.map((v, i) => lpad(v, widths[i + 1])).join(''));
}
p(pad('total', widths[0]) + tot.map((v, i) => lpad(v, widths[i + 1])).join(''));
p('(a scenario fails when any check is FAILURE or WARNING - the CLI baseline rule)');

for (const rev of REVISIONS) {
  const rs = summary.revisions[rev];
  if (rs._unexpected.length) {
    p();
    p(`NEW FAILURES at ${rev} (not in ${path.basename(env.CONF_BASELINE)}):`);
    for (const u of rs._unexpected) {
      p(`  x ${u.entry}`);
      for (const c of u.checks) {
        const msg = String(c.errorMessage ?? c.description ?? '').replace(/\s+/g, ' ');
        p(`      [${c.id}] ${c.status}: ${msg.length > 400 ? msg.slice(0, 400) + '...' : msg}`);
      }
    }
  }
  if (rs.staleEntries.length) {
    p();
    p(`STALE baseline entries at ${rev} (now passing - delete them from ${path.basename(env.CONF_BASELINE)}):`);
    for (const s of rs.staleEntries) p(`  - ${s}`);
  }
  delete rs._unexpected;
}
if (problems.length) {
  p();
  for (const x of problems) p(`ERROR: ${x}`);
}
p();
const failed = totalUnexpected + totalStale;
const ok = failed === 0 && problems.length === 0;
p(ok ? 'Conformance OK: every failure is listed in the baseline and no baseline entry passes.'
     : 'Conformance FAILED (details above; results under ' + OUT + ').');
p(`conformance: ${totalPassed} passed, ${failed + (problems.length && !failed ? 1 : 0)} failed, ${totalExpected} skipped`);
const text = lines.join('\n') + '\n';
process.stdout.write(text);
fs.writeFileSync(path.join(OUT, 'summary.txt'), text);
fs.writeFileSync(path.join(OUT, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
process.exit(ok ? 0 : 1);
EOF

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
