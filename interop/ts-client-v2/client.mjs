#!/usr/bin/env node
// Interop client on the TypeScript MCP SDK v2 (@modelcontextprotocol/client, pinned to 2.4.0 by
// scripts/setup-node.sh), the first client that speaks the 2026-07-28 protocol revision
// (stateless requests with a per-request `_meta` envelope, `server/discover`, multi round-trip
// requests). It connects in one of the SDK's version negotiation modes, reports the era it ended
// up in, lists the tools, calls the given tools in order and prints what happened as ONE JSON
// line on stdout.
//
// The client declares sampling, roots and elicitation and answers them with canned values through
// the SAME handlers a 2025 client registers (setRequestHandler('sampling/createMessage', ...)):
// on a 2025 connection the server sends them as JSON-RPC requests; on a 2026-07-28 connection the
// server answers tools/call with {"resultType":"input_required","inputRequests":{...}} and the SDK
// fulfils them through those handlers and retries the call with `inputResponses` (+ the
// `requestState` echo) on a fresh request id, inside callTool().
//
// Usage (normally via interop/ts-client-v2/run.sh, which supplies Node 22 and the package):
//   node client.mjs URL MODE [CALLS_JSON] [OPTIONS]
//     URL         MCP endpoint, e.g. http://127.0.0.1:8080/mcp
//     MODE        legacy | auto | pin | pin:VERSION   (versionNegotiation.mode; pin = pin:2026-07-28)
//     CALLS_JSON  JSON array of the tool calls to make after tools/list, in order, e.g.
//                 '[{"name":"convert_temperature","arguments":{"from":{"value":100,"unit":"CELSIUS"},"to":"FAHRENHEIT"}}]'
//                 (default [] : connect and list the tools only)
//   OPTIONS
//     --capabilities LIST    comma-separated subset of sampling,roots,elicitation to declare
//                            (default all three; '' declares none)
//     --roots JSON           the roots to answer roots/list with (default [])
//     --model-reply TEXT     the text the canned model answers sampling/createMessage with
//                            (default "canned model reply")
//     --sampling-error MSG   make the sampling handler throw ProtocolError(-1, MSG) instead
//     --elicit JSON          the user's canned answer to elicitation/create (default {"action":"decline"})
//     --log-level LEVEL      ask for log messages: legacy era logging/setLevel LEVEL once; modern era
//                            the per-request _meta key io.modelcontextprotocol/logLevel on each call
//     --progress             pass onprogress to each call (the SDK then puts a progressToken in _meta;
//                            on 2026-07-28 the MRTR driver also reports each round through it)
//     --max-rounds N         inputRequired.maxRounds (default: the SDK's, 10)
//     --no-auto-fulfil       inputRequired.autoFulfill=false: an input_required answer fails the call
//     --probe-timeout MS     versionNegotiation.probe.timeoutMs (default: the request timeout)
//
// Prints exactly ONE JSON line on stdout:
//   {"sdk":"2.4.0","mode":"auto","connected":true,"connectError":null,
//    "era":"modern"|"legacy","protocolVersion":"2026-07-28","transportProtocolVersion":"2026-07-28",
//    "sessionId":null|"...","serverInfo":{...},"serverCapabilities":{...},"discover":{...}|null,
//    "tools":["add_task",...],
//    "calls":[{"name":..,"arguments":{..},"result":{..}|null,"error":null|{"name","message","code","data"},
//              "posts":N,"legs":[{"id","status","headers":{..},"params":{..},"reply":{jsonrpc response}|null,
//                                 "serverMessages":[methods of the requests/notifications on that POST's stream]}..],"progress":[..]}],
//    "seen":{"sampling":[params..],"elicitation":[params..],"rootsListed":N,"handlerErrors":[..]},
//    "logs":[{"level","logger","data"}..],
//    "http":[{"method":"POST","status":200,"contentType":"..","headers":{"mcp-protocol-version":..,
//             "mcp-method":..,"mcp-name":..,"mcp-session-id":..,"mcp-param-*":..},"body":{jsonrpc message},
//             "replies":[jsonrpc messages read from the JSON or SSE response]}..]}
// "posts" is the number of tools/call POSTs the call took (1 + the MRTR retries); "legs" are those
// POSTs with their params (so inputResponses / requestState on a retry) and the reply each one got. "http" lists every HTTP
// exchange of the run (probe, initialize, lists, calls, retries) in order, so a test can check the
// wire: headers, the _meta envelope, inputResponses and the requestState echo.
// A tool-level error ({"isError":true,...}) is a normal result; an exception from callTool (e.g. a
// handler that threw while fulfilling an input request) is recorded in "error" and the run goes on.
// A failed connect prints the JSON with connected:false and connectError, and exits 3.
// Usage errors exit 2; other failures print "ts-v2-client: ..." on stderr and exit 1.
// Env: TS_CLIENT_TIMEOUT_MS (default 60000) bounds the whole run; TS_CLIENT_DEBUG=1 logs the SDK location.
import { parseArgs } from 'node:util';

import { fail as failWith, loadClient } from './load-client.mjs';

const PREFIX = 'ts-v2-client';
const DEFAULT_PIN = '2026-07-28';
const LOG_LEVEL_META_KEY = 'io.modelcontextprotocol/logLevel';
/** Request headers worth reporting (lower case); plus every mcp-param-* header. */
const REPORTED_HEADERS = ['mcp-protocol-version', 'mcp-method', 'mcp-name', 'mcp-session-id', 'accept', 'content-type'];

function fail(msg, code = 1) {
  failWith(PREFIX, msg, code);
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
      capabilities: { type: 'string', default: 'sampling,roots,elicitation' },
      roots: { type: 'string', default: '[]' },
      'model-reply': { type: 'string', default: 'canned model reply' },
      'sampling-error': { type: 'string' },
      elicit: { type: 'string', default: '{"action":"decline"}' },
      'log-level': { type: 'string' },
      progress: { type: 'boolean', default: false },
      'max-rounds': { type: 'string' },
      'no-auto-fulfil': { type: 'boolean', default: false },
      'probe-timeout': { type: 'string' },
    },
  });
} catch (e) {
  fail(`${e.message}\nusage: client.mjs URL MODE [CALLS_JSON] [OPTIONS]`, 2);
}
const { values: options, positionals } = parsed;
const [url, modeArg, callsJson] = positionals;
if (!url || !modeArg || positionals.length > 3) {
  fail('usage: client.mjs URL legacy|auto|pin[:VERSION] [CALLS_JSON] [OPTIONS]', 2);
}
let endpoint;
try {
  endpoint = new URL(url);
} catch {
  fail(`not a valid URL: ${url}`, 2);
}
let mode;
if (modeArg === 'legacy' || modeArg === 'auto') {
  mode = modeArg;
} else if (modeArg === 'pin' || modeArg.startsWith('pin:')) {
  mode = { pin: modeArg === 'pin' ? DEFAULT_PIN : modeArg.slice('pin:'.length) };
} else {
  fail(`unknown MODE '${modeArg}' (use legacy, auto, pin or pin:VERSION)`, 2);
}
const calls = callsJson ? parseJson('CALLS_JSON', callsJson) : [];
if (!Array.isArray(calls) || !calls.every((c) => c && typeof c.name === 'string')) {
  fail('CALLS_JSON must be a JSON array of {"name":...,"arguments":{...}}', 2);
}
const declared = options.capabilities.split(',').map((c) => c.trim()).filter(Boolean);
for (const capability of declared) {
  if (!['sampling', 'roots', 'elicitation'].includes(capability)) {
    fail(`unknown capability '${capability}' (use sampling, roots, elicitation)`, 2);
  }
}
const roots = parseJson('--roots', options.roots);
const userAnswer = parseJson('--elicit', options.elicit);
const wholeNumber = (name, text) => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 0)) fail(`${name} must be a whole number`, 2);
  return n;
};
const maxRounds = wholeNumber('--max-rounds', options['max-rounds']);
const probeTimeout = wholeNumber('--probe-timeout', options['probe-timeout']);

const timeoutMs = Number(process.env.TS_CLIENT_TIMEOUT_MS || 60000);
const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
timer.unref();

const { sdk, sdkVersion, from } = await loadClient(PREFIX);
if (process.env.TS_CLIENT_DEBUG) process.stderr.write(`${PREFIX}: ${'@modelcontextprotocol/client'} ${sdkVersion} from ${from}\n`);
const { Client, StreamableHTTPClientTransport, ProtocolError } = sdk;

// ------------------------------------------------------------------ wire recording

const http = [];
const pendingReads = [];

/** The JSON-RPC messages in a JSON or SSE response body. */
function parseReplies(contentType, text) {
  if (!text) return [];
  try {
    if ((contentType || '').includes('text/event-stream')) {
      const messages = [];
      for (const event of text.split(/\r?\n\r?\n/)) {
        const data = event
          .split(/\r?\n/)
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data.trim()) messages.push(JSON.parse(data));
      }
      return messages;
    }
    const body = JSON.parse(text);
    return Array.isArray(body) ? body : [body];
  } catch {
    return [{ unparsed: text.slice(0, 2000) }];
  }
}

/** A fetch that records every exchange (request headers and body, status, the reply messages). */
async function recordingFetch(input, init = {}) {
  const headers = new Headers(init.headers);
  const reported = {};
  for (const [name, value] of headers) {
    if (REPORTED_HEADERS.includes(name) || name.startsWith('mcp-param-')) reported[name] = value;
  }
  const entry = { method: init.method || 'GET', status: null, contentType: null, headers: reported, body: null, replies: [] };
  if (typeof init.body === 'string') {
    try {
      entry.body = JSON.parse(init.body);
    } catch {
      entry.body = init.body;
    }
  }
  http.push(entry);
  const response = await fetch(input, init);
  entry.status = response.status;
  entry.contentType = response.headers.get('content-type');
  // GET streams (2025 standalone SSE) stay open for the whole session: do not wait for them.
  if (entry.method === 'POST' && response.body) {
    const copy = response.clone();
    pendingReads.push(
      copy
        .text()
        .then((text) => {
          entry.replies = parseReplies(entry.contentType, text);
        })
        .catch(() => {}),
    );
  }
  return response;
}

// ------------------------------------------------------------------ the client

const capabilities = {};
if (declared.includes('sampling')) capabilities.sampling = {};
if (declared.includes('roots')) capabilities.roots = { listChanged: true };
if (declared.includes('elicitation')) capabilities.elicitation = { form: {} };

const clientOptions = { capabilities, versionNegotiation: { mode } };
if (probeTimeout !== undefined) clientOptions.versionNegotiation.probe = { timeoutMs: probeTimeout };
if (maxRounds !== undefined || options['no-auto-fulfil']) {
  clientOptions.inputRequired = {};
  if (maxRounds !== undefined) clientOptions.inputRequired.maxRounds = maxRounds;
  if (options['no-auto-fulfil']) clientOptions.inputRequired.autoFulfill = false;
}
const client = new Client({ name: 'mcp-spring-interop-ts-v2-client', version: '1.0.0' }, clientOptions);

const seen = { sampling: [], elicitation: [], rootsListed: 0, handlerErrors: [] };
const logs = [];

// The canned "client application": its model, its user and its workspace. These handlers serve
// both eras: server->client requests on 2025, embedded inputRequests on 2026-07-28.
if (capabilities.sampling) {
  client.setRequestHandler('sampling/createMessage', async (request) => {
    seen.sampling.push(request.params);
    if (options['sampling-error'] !== undefined) {
      seen.handlerErrors.push({ method: request.method, message: options['sampling-error'] });
      throw new ProtocolError(-1, options['sampling-error']);
    }
    return {
      role: 'assistant',
      content: { type: 'text', text: options['model-reply'] },
      model: 'canned-model',
      stopReason: 'endTurn',
    };
  });
}
if (capabilities.roots) {
  client.setRequestHandler('roots/list', async () => {
    seen.rootsListed++;
    return { roots };
  });
}
if (capabilities.elicitation) {
  client.setRequestHandler('elicitation/create', async (request) => {
    seen.elicitation.push(request.params);
    return userAnswer;
  });
}
client.setNotificationHandler('notifications/message', (notification) => {
  logs.push(notification.params);
});

function describeError(e) {
  if (e === null || e === undefined) return null;
  return {
    name: e?.name ?? null,
    message: e?.message ?? String(e),
    code: e?.code ?? null,
    data: e?.data === undefined ? null : safeJson(e.data),
  };
}

function safeJson(value) {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return String(value);
  }
}

const transport = new StreamableHTTPClientTransport(endpoint, { fetch: recordingFetch });

function report(extra) {
  return {
    sdk: sdkVersion,
    mode: modeArg,
    era: client.getProtocolEra() ?? null,
    protocolVersion: client.getNegotiatedProtocolVersion() ?? null,
    transportProtocolVersion: transport.protocolVersion ?? null,
    sessionId: transport.sessionId ?? null,
    serverInfo: client.getServerVersion() ?? null,
    serverCapabilities: client.getServerCapabilities() ?? null,
    discover: client.getDiscoverResult() ?? null,
    ...extra,
    seen,
    logs,
    http,
  };
}

async function settleReads() {
  await Promise.all(pendingReads);
}

async function closeQuietly() {
  try {
    if (transport.sessionId) await transport.terminateSession();
  } catch {
    /* a server may answer 405 */
  }
  try {
    await client.close();
  } catch {
    /* ignore */
  }
}

try {
  await client.connect(transport);
} catch (e) {
  await settleReads();
  process.stdout.write(JSON.stringify(report({ connected: false, connectError: describeError(e), tools: [], calls: [] })) + '\n');
  await closeQuietly();
  process.exit(3);
}

let exitCode = 0;
try {
  const modern = client.getProtocolEra() === 'modern';
  if (options['log-level'] && !modern) {
    await client.setLoggingLevel(options['log-level']);
  }
  // list first (all pages): the SDK then validates structured results against the tools' output
  // schemas and, on 2026-07-28, mirrors x-mcp-header arguments into Mcp-Param-* headers
  const tools = (await client.listTools()).tools.map((tool) => tool.name);

  const results = [];
  const legsOf = [];
  for (const call of calls) {
    const params = { name: call.name, arguments: call.arguments ?? {} };
    if (options['log-level'] && modern) {
      params._meta = { [LOG_LEVEL_META_KEY]: options['log-level'] };
    }
    const progress = [];
    const requestOptions = options.progress ? { onprogress: (p) => progress.push(p) } : undefined;
    const before = http.length;
    let result = null;
    let error = null;
    try {
      result = await client.callTool(params, requestOptions);
    } catch (e) {
      error = describeError(e);
    }
    legsOf.push([results.length, before, http.length]);
    results.push({ name: call.name, arguments: params.arguments, result, error, posts: 0, legs: [], progress });
  }
  await settleReads();
  // each call's tools/call POSTs (1 + its MRTR retries), with the reply to each
  for (const [index, from, to] of legsOf) {
    const legs = http
      .slice(from, to)
      .filter((entry) => entry.method === 'POST' && entry.body?.method === 'tools/call')
      .map((entry) => ({
        id: entry.body.id,
        status: entry.status,
        headers: entry.headers,
        params: entry.body.params ?? null,
        reply: entry.replies.find((m) => m && m.id === entry.body.id && ('result' in m || 'error' in m)) ?? null,
        serverMessages: entry.replies.filter((m) => m && m.method !== undefined).map((m) => m.method),
      }));
    results[index].legs = legs;
    results[index].posts = legs.length;
  }
  process.stdout.write(JSON.stringify(report({ connected: true, connectError: null, tools, calls: results })) + '\n');
} catch (e) {
  process.stderr.write(`${PREFIX}: ${e?.stack || e}\n`);
  exitCode = 1;
} finally {
  await closeQuietly();
}
process.exit(exitCode);
