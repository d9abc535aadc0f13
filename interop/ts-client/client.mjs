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
// Module resolution (why this file has no static imports):
//   The SDK is NOT installed in this repo; it lives in the tool cache
//   ($MCP_TOOLS_CACHE, default ~/.cache/mcp-spring-tools/node_modules).
//   ESM `import` ignores NODE_PATH and resolves bare specifiers only from
//   node_modules folders above THIS file, so a plain `import ... from
//   '@modelcontextprotocol/sdk/...'` would fail here. Instead we use
//   module.createRequire() anchored inside the cache's node_modules and
//   require() the SDK's CommonJS build (same classes as the ESM build; the SDK
//   ships both). Lookup order:
//     1. $MCP_TOOLS_NODE_MODULES (set by scripts/ts-client.sh) - always wins, so
//        a stray node_modules elsewhere can never shadow the pinned SDK;
//     2. a normal ESM import (works if the file is copied next to a node_modules);
//     3. ${MCP_TOOLS_CACHE:-$HOME/.cache/mcp-spring-tools}/node_modules.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

function fail(msg, code = 1) {
  process.stderr.write(`ts-client: ${msg}\n`);
  process.exit(code);
}

async function loadSdk() {
  const fromDir = (nm) => {
    const req = createRequire(path.join(path.resolve(nm), 'noop.js'));
    return {
      Client: req('@modelcontextprotocol/sdk/client/index.js').Client,
      StreamableHTTPClientTransport: req('@modelcontextprotocol/sdk/client/streamableHttp.js')
        .StreamableHTTPClientTransport,
      sdkVersion: JSON.parse(readFileSync(path.join(path.resolve(nm), '@modelcontextprotocol', 'sdk', 'package.json'), 'utf8')).version,
      from: path.resolve(nm),
    };
  };
  if (process.env.MCP_TOOLS_NODE_MODULES) {
    try {
      return fromDir(process.env.MCP_TOOLS_NODE_MODULES);
    } catch (e) {
      fail(`cannot load @modelcontextprotocol/sdk from MCP_TOOLS_NODE_MODULES=${process.env.MCP_TOOLS_NODE_MODULES}: ${e.message}`);
    }
  }
  try {
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    return { Client, StreamableHTTPClientTransport, sdkVersion: '?', from: 'esm import' };
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
  const cache = process.env.MCP_TOOLS_CACHE || path.join(homedir(), '.cache', 'mcp-spring-tools');
  const nm = path.join(cache, 'node_modules');
  if (!existsSync(path.join(nm, '@modelcontextprotocol', 'sdk'))) {
    fail(`@modelcontextprotocol/sdk not found (looked in ${nm}); run scripts/setup-node.sh or use scripts/ts-client.sh`);
  }
  return fromDir(nm);
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

const { Client, StreamableHTTPClientTransport, sdkVersion, from } = await loadSdk();
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
  // Best effort: end the server-side session (DELETE), then close the transport.
  try {
    if (transport.sessionId) await transport.terminateSession();
  } catch {
    /* a server may answer 405; ignore */
  }
  try {
    await client.close();
  } catch {
    /* ignore */
  }
}
process.exit(exitCode);
