// The report of scripts/conformance.sh: prepares the per-run expected-failure lists from the baseline
// ('prepare') and judges the runs' results against it ('report'). Plain ESM; 'yaml' is resolved from the
// tool cache (CONF_NODE_MODULES). Configured through the CONF_* environment variables conformance.sh exports.
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
