#!/usr/bin/env node
// Stdio interop client: an official TypeScript MCP client spawns an MCP server as a child process
// through the SDK's own StdioClientTransport (newline-delimited JSON-RPC on the child's stdin and
// stdout), declares sampling, roots and elicitation with canned handlers, calls the given tools and
// reports what happened, then closes the transport (the SDK ends the child's stdin) and records how
// the child exited.
//
//   --sdk v1   @modelcontextprotocol/sdk 1.32.2 (client/stdio.js), the 2025 era: initialize,
//              server-to-client requests (sampling/createMessage, elicitation/create, roots/list)
//              answered through setRequestHandler(<Schema>, ...)
//   --sdk v2   @modelcontextprotocol/client 2.4.0 (@modelcontextprotocol/client/stdio) with
//              versionNegotiation {pin: VERSION} (default 2026-07-28): the SDK probes with
//              server/discover on a short-lived sibling process spawned from the same command,
//              then talks to the session process without initialize, and fulfils input_required
//              results through the same handlers (multi round-trip requests)
//
// Usage (normally via scripts/ts-stdio-client.sh, which supplies Node 22 and the packages):
//   node ts-stdio-client.mjs --sdk v1|v2 [OPTIONS] CALLS_JSON -- COMMAND [ARGS...]
//     CALLS_JSON  JSON array of tool calls made in order after tools/list, e.g.
//                 '[{"name":"import_tasks","arguments":{"titles":["a"]},"progress":true}]';
//                 "progress":true passes onprogress (the SDK then sends a progressToken);
//                 a nested array is a group of calls made concurrently
//     COMMAND     the server to spawn, e.g. java -jar sample-app.jar --mcp.server.transport.type=stdio
//   OPTIONS
//     --pin VERSION          (v2) the pinned protocol revision (default 2026-07-28)
//     --model-reply TEXT     what the canned model answers sampling/createMessage with
//                            (default "canned model reply")
//     --elicit JSON          the user's canned answer to elicitation/create (default {"action":"decline"})
//     --roots JSON           the roots to answer roots/list with (default [])
//
// Prints exactly ONE JSON line on stdout:
//   {"sdk":"v1","sdkVersion":"1.32.2","era":"legacy"|"modern"|null,"protocolVersion":"...",
//    "serverInfo":{...},"tools":["add_task",...],
//    "calls":[{"name","arguments","result":{..}|null,"error":null|{"message","code"},"progress":[..]}],
//    "seen":{"sampling":[params..],"elicitation":[params..],"rootsListed":N},
//    "logs":[params of notifications/message..],
//    "wire":[{"dir":"out"|"in","message":{jsonrpc message}}..],   (the session process only)
//    "serverExit":{"code":0,"signal":null,"afterCloseMs":N}|null}
// The server's standard error is copied to this script's standard error, each line prefixed
// with "[server] ". Usage errors exit 2; a failure prints "ts-stdio-client: ..." on stderr and
// exits 1 (the JSON line is still printed when the client got as far as connecting).
// Env: TS_CLIENT_TIMEOUT_MS (default 90000) bounds the whole run.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const PREFIX = 'ts-stdio-client';

function fail(msg, code = 1) {
  process.stderr.write(`${PREFIX}: ${msg}\n`);
  process.exit(code);
}

function parseJson(name, text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(`${name} is not valid JSON: ${e.message}`, 2);
  }
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      sdk: { type: 'string', default: 'v1' },
      pin: { type: 'string', default: '2026-07-28' },
      'model-reply': { type: 'string', default: 'canned model reply' },
      elicit: { type: 'string', default: '{"action":"decline"}' },
      roots: { type: 'string', default: '[]' },
    },
  });
} catch (e) {
  fail(`${e.message}\nusage: ts-stdio-client.mjs --sdk v1|v2 [OPTIONS] CALLS_JSON -- COMMAND [ARGS...]`, 2);
}
const { values: options, positionals } = parsed;
if (!['v1', 'v2'].includes(options.sdk)) fail(`--sdk must be v1 or v2, not '${options.sdk}'`, 2);
const [callsJson, command, ...commandArgs] = positionals;
if (!callsJson || !command) {
  fail('usage: ts-stdio-client.mjs --sdk v1|v2 [OPTIONS] CALLS_JSON -- COMMAND [ARGS...]', 2);
}
const calls = parseJson('CALLS_JSON', callsJson);
if (!Array.isArray(calls)) fail('CALLS_JSON must be a JSON array', 2);
const userAnswer = parseJson('--elicit', options.elicit);
const roots = parseJson('--roots', options.roots);

const timeoutMs = Number(process.env.TS_CLIENT_TIMEOUT_MS || 90000);
const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
timer.unref();

// ------------------------------------------------------------------ loading the SDK
// The packages live in the tool cache, not in this repository, and ESM import ignores NODE_PATH:
// require() their CommonJS builds from a require anchored in the cache's node_modules
// ($MCP_TOOLS_NODE_MODULES, set by ts-stdio-client.sh, else ${MCP_TOOLS_CACHE:-~/.cache/mcp-spring-tools}).

const nodeModules =
  process.env.MCP_TOOLS_NODE_MODULES ||
  path.join(process.env.MCP_TOOLS_CACHE || path.join(homedir(), '.cache', 'mcp-spring-tools'), 'node_modules');
const packageName = options.sdk === 'v1' ? '@modelcontextprotocol/sdk' : '@modelcontextprotocol/client';
if (!existsSync(path.join(nodeModules, packageName))) {
  fail(`${packageName} not found in ${nodeModules}; run scripts/setup-node.sh or use scripts/ts-stdio-client.sh`);
}
const req = createRequire(path.join(path.resolve(nodeModules), 'noop.js'));
const sdkVersion = JSON.parse(readFileSync(path.join(nodeModules, packageName, 'package.json'), 'utf8')).version;

let Client;
let StdioClientTransport;
let v1Types;
if (options.sdk === 'v1') {
  Client = req('@modelcontextprotocol/sdk/client/index.js').Client;
  StdioClientTransport = req('@modelcontextprotocol/sdk/client/stdio.js').StdioClientTransport;
  v1Types = req('@modelcontextprotocol/sdk/types.js');
} else {
  Client = req('@modelcontextprotocol/client').Client;
  StdioClientTransport = req('@modelcontextprotocol/client/stdio').StdioClientTransport;
}

// ------------------------------------------------------------------ the client

const capabilities = { sampling: {}, roots: { listChanged: true }, elicitation: { form: {} } };
const clientOptions = { capabilities };
if (options.sdk === 'v2') clientOptions.versionNegotiation = { mode: { pin: options.pin } };
const client = new Client({ name: 'mcp-spring-interop-ts-stdio-client', version: '1.0.0' }, clientOptions);

const seen = { sampling: [], elicitation: [], rootsListed: 0 };
const logs = [];

// the canned "client application": its model, its user and its workspace
const onSampling = async (request) => {
  seen.sampling.push(request.params);
  return {
    role: 'assistant',
    content: { type: 'text', text: options['model-reply'] },
    model: 'canned-model',
    stopReason: 'endTurn',
  };
};
const onElicitation = async (request) => {
  seen.elicitation.push(request.params);
  return userAnswer;
};
const onRoots = async () => {
  seen.rootsListed++;
  return { roots };
};
const onLog = (notification) => logs.push(notification.params);
if (options.sdk === 'v1') {
  client.setRequestHandler(v1Types.CreateMessageRequestSchema, onSampling);
  client.setRequestHandler(v1Types.ElicitRequestSchema, onElicitation);
  client.setRequestHandler(v1Types.ListRootsRequestSchema, onRoots);
  client.setNotificationHandler(v1Types.LoggingMessageNotificationSchema, onLog);
} else {
  client.setRequestHandler('sampling/createMessage', onSampling);
  client.setRequestHandler('elicitation/create', onElicitation);
  client.setRequestHandler('roots/list', onRoots);
  client.setNotificationHandler('notifications/message', onLog);
}

// the session process; its stderr is piped so it can be copied with a prefix
const transport = new StdioClientTransport({ command, args: commandArgs, stderr: 'pipe' });
let stderrTail = '';
transport.stderr?.on('data', (chunk) => {
  const text = stderrTail + chunk.toString('utf8');
  const lines = text.split('\n');
  stderrTail = lines.pop();
  for (const line of lines) process.stderr.write(`[server] ${line}\n`);
});

// record the wire (instance properties: the class itself stays the SDK's, which v2's stdio
// negotiation requires to clone it for the probe sibling)
const wire = [];
const send = transport.send.bind(transport);
transport.send = (message, sendOptions) => {
  wire.push({ dir: 'out', message });
  return send(message, sendOptions);
};
let onmessage;
Object.defineProperty(transport, 'onmessage', {
  configurable: true,
  enumerable: true,
  get: () =>
    onmessage &&
    ((message, extra) => {
      wire.push({ dir: 'in', message });
      return onmessage(message, extra);
    }),
  set: (handler) => {
    onmessage = handler;
  },
});

function describeError(e) {
  if (e === null || e === undefined) return null;
  return { name: e?.name ?? null, message: e?.message ?? String(e), code: e?.code ?? null };
}

/** The protocol version the session speaks: v2 knows it; for v1, the initialize result says it. */
function protocolVersion() {
  if (options.sdk === 'v2') return client.getNegotiatedProtocolVersion() ?? null;
  const initialize = wire.find((w) => w.dir === 'out' && w.message.method === 'initialize');
  const answer = initialize && wire.find((w) => w.dir === 'in' && w.message.id === initialize.message.id);
  return answer?.message?.result?.protocolVersion ?? null;
}

async function callOne(call) {
  const params = { name: call.name, arguments: call.arguments ?? {} };
  const progress = [];
  const requestOptions = call.progress ? { onprogress: (p) => progress.push(p) } : undefined;
  let result = null;
  let error = null;
  try {
    result =
      options.sdk === 'v1'
        ? await client.callTool(params, undefined, requestOptions)
        : await client.callTool(params, requestOptions);
  } catch (e) {
    error = describeError(e);
  }
  return { name: call.name, arguments: params.arguments, result, error, progress };
}

let exitCode = 0;
let out = null;
let child = null;
let resolveExit;
const exited = new Promise((resolve) => {
  resolveExit = resolve;
});
try {
  await client.connect(transport);
  child = transport._process;
  child?.once('exit', (code, signal) => resolveExit({ code, signal }));
  const tools = (await client.listTools()).tools.map((tool) => tool.name);
  const results = [];
  for (const call of calls) {
    if (Array.isArray(call)) {
      results.push(...(await Promise.all(call.map(callOne))));
    } else {
      results.push(await callOne(call));
    }
  }
  out = {
    sdk: options.sdk,
    sdkVersion,
    era: options.sdk === 'v2' ? (client.getProtocolEra() ?? null) : 'legacy',
    protocolVersion: protocolVersion(),
    serverInfo: client.getServerVersion() ?? null,
    tools,
    calls: results,
    seen,
    logs,
    wire,
    serverExit: null,
  };
} catch (e) {
  process.stderr.write(`${PREFIX}: ${e?.stack || e}\n`);
  exitCode = 1;
}

// closing ends the child's stdin (the SDK escalates to SIGTERM after 2 s and SIGKILL after 4 s)
const closing = Date.now();
try {
  await client.close();
} catch {
  /* ignore */
}
if (child && out) {
  const exit =
    child.exitCode !== null || child.signalCode !== null
      ? { code: child.exitCode, signal: child.signalCode }
      : await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 10000))]);
  out.serverExit = exit && { ...exit, afterCloseMs: Date.now() - closing };
}
if (stderrTail) process.stderr.write(`[server] ${stderrTail}\n`);
if (out) process.stdout.write(JSON.stringify(out) + '\n');
process.exit(exitCode);
