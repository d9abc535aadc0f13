#!/usr/bin/env node
// Interop smoke client: the official TypeScript MCP SDK (@modelcontextprotocol/sdk,
// pinned to 1.32.2 by scripts/setup-node.sh) talking Streamable HTTP to our server.
//
// Usage (normally via scripts/ts-client.sh, which supplies Node 22 and the deps):
//   node client.mjs URL [TOOL [ARGS_JSON]]
//     URL        MCP endpoint, e.g. http://127.0.0.1:8080/mcp
//     TOOL       tool to call after tools/list (optional; omitted -> callResult null)
//     ARGS_JSON  JSON object with the tool arguments (default {})
//
// Steps: initialize (Client.connect), tools/list (all pages), tools/call TOOL,
// then DELETE the session and close. Prints exactly ONE JSON line on stdout:
//   {"serverInfo":{...},"protocolVersion":"2025-11-25","tools":["a","b"],"callResult":{...}}
// callResult is the raw CallToolResult; a tool-level error ({"isError":true,...})
// is a normal result, not a failure of this script. Any protocol/transport/usage
// error prints "ts-client: ..." on stderr and exits non-zero (2 = usage, 1 = other).
// Env: TS_CLIENT_TIMEOUT_MS (default 30000) bounds the whole run.
//
// The SDK is loaded by load-sdk.mjs (see there for why there are no static SDK imports).
import { closeQuietly, fail as failWith, loadSdk } from './load-sdk.mjs';

function fail(msg, code = 1) {
  failWith('ts-client', msg, code);
}

const [url, toolName, argsJson] = process.argv.slice(2);
if (!url || process.argv.length > 5) {
  fail('usage: client.mjs URL [TOOL [ARGS_JSON]]', 2);
}
let endpoint;
try {
  endpoint = new URL(url);
} catch {
  fail(`not a valid URL: ${url}`, 2);
}
let toolArgs = {};
if (argsJson !== undefined && argsJson !== '') {
  try {
    toolArgs = JSON.parse(argsJson);
  } catch (e) {
    fail(`ARGS_JSON is not valid JSON: ${e.message}`, 2);
  }
  if (toolArgs === null || typeof toolArgs !== 'object' || Array.isArray(toolArgs)) {
    fail('ARGS_JSON must be a JSON object', 2);
  }
}

const timeoutMs = Number(process.env.TS_CLIENT_TIMEOUT_MS || 30000);
const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
timer.unref();

const { Client, StreamableHTTPClientTransport, sdkVersion, from } = await loadSdk('ts-client');
if (process.env.TS_CLIENT_DEBUG) process.stderr.write(`ts-client: sdk ${sdkVersion} from ${from}\n`);

const client = new Client({ name: 'mcp-spring-interop-ts-client', version: '1.0.0' }, { capabilities: {} });
const transport = new StreamableHTTPClientTransport(endpoint);
let exitCode = 0;
try {
  await client.connect(transport);

  const tools = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools.map((t) => t.name));
    cursor = page.nextCursor;
  } while (cursor);

  let callResult = null;
  if (toolName) {
    callResult = await client.callTool({ name: toolName, arguments: toolArgs });
  }

  process.stdout.write(
    JSON.stringify({
      serverInfo: client.getServerVersion() ?? null,
      protocolVersion: transport.protocolVersion ?? null,
      tools,
      callResult,
    }) + '\n',
  );
} catch (e) {
  process.stderr.write(`ts-client: ${e?.stack || e}\n`);
  exitCode = 1;
} finally {
  await closeQuietly(client, transport);
}
process.exit(exitCode);
