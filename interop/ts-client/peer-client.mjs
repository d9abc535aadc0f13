#!/usr/bin/env node
// Interop client for tools that call back into the client: the official TypeScript MCP SDK
// (@modelcontextprotocol/sdk, pinned to 1.32.2 by scripts/setup-node.sh) declares the sampling,
// roots and elicitation capabilities, answers the server's requests with canned values, calls one
// tool over Streamable HTTP and reports what happened.
//
// Usage (normally via scripts/ts-peer-client.sh, which supplies Node 22 and the deps):
//   node peer-client.mjs URL TOOL [ARGS_JSON] [OPTIONS]
//     URL        MCP endpoint, e.g. http://127.0.0.1:8080/mcp
//     TOOL       the tool to call (after tools/list, so the SDK checks structured results
//                against the tools' output schemas)
//     ARGS_JSON  JSON object with the tool arguments (default {})
//   OPTIONS
//     --capabilities LIST    comma-separated subset of sampling,roots,elicitation to declare
//                            (default all three; '' declares none)
//     --roots JSON           the roots to answer roots/list with, e.g. '[{"uri":"file:///x","name":"x"}]'
//                            (default [])
//     --model-reply TEXT     the text the canned model answers sampling/createMessage with
//                            (default "canned model reply")
//     --sampling-error MSG   answer sampling/createMessage with a JSON-RPC error instead
//     --elicit JSON          the user's canned answer to elicitation/create,
//                            e.g. '{"action":"accept","content":{"confirm":true}}' (default decline)
//     --progress             ask for progress (a progress token in the call's _meta) and collect
//                            notifications/progress
//     --cancel-after N       cancel the call (notifications/cancelled, through an AbortSignal) once
//                            N progress notifications arrived; implies --progress
//     --log-level LEVEL      send logging/setLevel LEVEL before the call
//     --cancel-when-asked    cancel the call as soon as the server sends sampling/createMessage or
//                            elicitation/create, then wait (up to 5 s) for the server to cancel
//                            that request in turn; seen.serverCancelled lists the methods it did
//     --linger MS            keep the session open MS ms after the call before the final ping and
//                            DELETE (to see that a cancelled tool really stopped; default 0)
//
// Prints exactly ONE JSON line on stdout:
//   {"protocolVersion":"2025-11-25","capabilities":{...},"callResult":{...}|null,
//    "callError":"..."|null,"cancelled":false,"pingAfterCall":true,
//    "seen":{"sampling":[params...],"elicitation":[params...],"rootsListed":1},
//    "progress":[{"progress":0,"total":4,"message":"..."}...],"logs":[{"level":..,"logger":..,"data":..}...]}
// A tool-level error ({"isError":true,...}) is a normal callResult. A cancelled call has
// callResult null and cancelled true; pingAfterCall says the session still answers afterwards.
// Usage errors exit 2, protocol/transport errors print "ts-peer-client: ..." on stderr and exit 1.
// Env: TS_CLIENT_TIMEOUT_MS (default 30000) bounds the whole run.
import { parseArgs } from 'node:util';

import { closeQuietly, fail as failWith, loadSdk } from './load-sdk.mjs';

const PREFIX = 'ts-peer-client';

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
      progress: { type: 'boolean', default: false },
      'cancel-after': { type: 'string' },
      'log-level': { type: 'string' },
      linger: { type: 'string', default: '0' },
      'cancel-when-asked': { type: 'boolean', default: false },
    },
  });
} catch (e) {
  fail(`${e.message}\nusage: peer-client.mjs URL TOOL [ARGS_JSON] [OPTIONS]`, 2);
}
const { values: options, positionals } = parsed;
const [url, toolName, argsJson] = positionals;
if (!url || !toolName || positionals.length > 3) {
  fail('usage: peer-client.mjs URL TOOL [ARGS_JSON] [OPTIONS]', 2);
}
let endpoint;
try {
  endpoint = new URL(url);
} catch {
  fail(`not a valid URL: ${url}`, 2);
}
const toolArgs = argsJson ? parseJson('ARGS_JSON', argsJson) : {};
if (toolArgs === null || typeof toolArgs !== 'object' || Array.isArray(toolArgs)) {
  fail('ARGS_JSON must be a JSON object', 2);
}
const declared = options.capabilities.split(',').map((c) => c.trim()).filter(Boolean);
for (const capability of declared) {
  if (!['sampling', 'roots', 'elicitation'].includes(capability)) {
    fail(`unknown capability '${capability}' (use sampling, roots, elicitation)`, 2);
  }
}
const roots = parseJson('--roots', options.roots);
const userAnswer = parseJson('--elicit', options.elicit);
const cancelAfter = options['cancel-after'] === undefined ? undefined : Number(options['cancel-after']);
if (cancelAfter !== undefined && !(Number.isInteger(cancelAfter) && cancelAfter >= 1)) {
  fail('--cancel-after must be a whole number >= 1', 2);
}
const lingerMs = Number(options.linger);
if (!(Number.isInteger(lingerMs) && lingerMs >= 0)) {
  fail('--linger must be a whole number of milliseconds', 2);
}
const wantProgress = options.progress || cancelAfter !== undefined;

const timeoutMs = Number(process.env.TS_CLIENT_TIMEOUT_MS || 30000);
const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
timer.unref();

const { Client, StreamableHTTPClientTransport, types, sdkVersion, from } = await loadSdk(PREFIX);
if (process.env.TS_CLIENT_DEBUG) process.stderr.write(`${PREFIX}: sdk ${sdkVersion} from ${from}\n`);

const capabilities = {};
if (declared.includes('sampling')) capabilities.sampling = {};
if (declared.includes('roots')) capabilities.roots = { listChanged: true };
if (declared.includes('elicitation')) capabilities.elicitation = { form: {} };

const seen = { sampling: [], elicitation: [], rootsListed: 0, serverCancelled: [] };
// aborts the tool call; set up before the call
const abort = new AbortController();

/**
 * With --cancel-when-asked: cancels the tool call, then waits until the server cancels the request it is
 * asking (the SDK aborts extra.signal on notifications/cancelled), and records that it did.
 */
async function cancelWhileAsked(method, extra) {
  abort.abort('cancelled by the interop client');
  const cancelled = await new Promise((resolve) => {
    if (extra.signal.aborted) return resolve(true);
    const timeout = setTimeout(() => resolve(false), 5000);
    extra.signal.addEventListener('abort', () => {
      clearTimeout(timeout);
      resolve(true);
    });
  });
  if (cancelled) seen.serverCancelled.push(method);
}
const progress = [];
const logs = [];

const client = new Client({ name: 'mcp-spring-interop-ts-peer-client', version: '1.0.0' }, { capabilities });

// The canned "client application": its model, its user and its workspace.
if (capabilities.sampling) {
  client.setRequestHandler(types.CreateMessageRequestSchema, async (request, extra) => {
    seen.sampling.push(request.params);
    if (options['cancel-when-asked']) await cancelWhileAsked(request.method, extra);
    if (options['sampling-error'] !== undefined) {
      throw new types.McpError(-1, options['sampling-error']);
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
  client.setRequestHandler(types.ListRootsRequestSchema, async () => {
    seen.rootsListed++;
    return { roots };
  });
}
if (capabilities.elicitation) {
  client.setRequestHandler(types.ElicitRequestSchema, async (request, extra) => {
    seen.elicitation.push(request.params);
    if (options['cancel-when-asked']) await cancelWhileAsked(request.method, extra);
    return userAnswer;
  });
}
client.setNotificationHandler(types.LoggingMessageNotificationSchema, (notification) => {
  logs.push(notification.params);
});

const transport = new StreamableHTTPClientTransport(endpoint);
let exitCode = 0;
try {
  await client.connect(transport);
  if (options['log-level']) {
    await client.setLoggingLevel(options['log-level']);
  }
  // list first: the SDK then validates structured results against the tool's outputSchema
  let cursor;
  do {
    cursor = (await client.listTools(cursor ? { cursor } : {})).nextCursor;
  } while (cursor);

  const requestOptions = { signal: abort.signal };
  if (wantProgress) {
    requestOptions.onprogress = (notification) => {
      progress.push(notification);
      if (cancelAfter !== undefined && progress.length >= cancelAfter && !abort.signal.aborted) {
        abort.abort('cancelled by the interop client');
      }
    };
  }
  let callResult = null;
  let callError = null;
  try {
    callResult = await client.callTool({ name: toolName, arguments: toolArgs }, undefined, requestOptions);
  } catch (e) {
    if (!abort.signal.aborted) throw e;
    callError = e?.message ?? String(e);
  }
  if (lingerMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, lingerMs));
  }
  // the session must still work after a cancellation
  let pingAfterCall = false;
  try {
    await client.ping();
    pingAfterCall = true;
  } catch (e) {
    process.stderr.write(`${PREFIX}: ping after the call failed: ${e?.message ?? e}\n`);
  }

  process.stdout.write(
    JSON.stringify({
      protocolVersion: transport.protocolVersion ?? null,
      capabilities,
      callResult,
      callError,
      cancelled: abort.signal.aborted,
      pingAfterCall,
      seen,
      progress,
      logs,
    }) + '\n',
  );
} catch (e) {
  process.stderr.write(`${PREFIX}: ${e?.stack || e}\n`);
  exitCode = 1;
} finally {
  await closeQuietly(client, transport);
}
process.exit(exitCode);
