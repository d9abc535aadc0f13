// Loads the official TypeScript MCP SDK (@modelcontextprotocol/sdk, pinned to 1.32.2 by
// scripts/setup-node.sh) for the interop clients in this folder.
//
// Why no static imports: the SDK is NOT installed in this repo; it lives in the tool cache
// ($MCP_TOOLS_CACHE, default ~/.cache/mcp-spring-tools/node_modules). ESM `import` ignores
// NODE_PATH and resolves bare specifiers only from node_modules folders above the importing
// file, so a plain `import ... from '@modelcontextprotocol/sdk/...'` would fail here. Instead we
// use module.createRequire() anchored inside the cache's node_modules and require() the SDK's
// CommonJS build (same classes as the ESM build; the SDK ships both). Lookup order:
//   1. $MCP_TOOLS_NODE_MODULES (set by scripts/ts-client.sh and scripts/ts-peer-client.sh) -
//      always wins, so a stray node_modules elsewhere can never shadow the pinned SDK;
//   2. a normal ESM import (works if these files are copied next to a node_modules);
//   3. ${MCP_TOOLS_CACHE:-$HOME/.cache/mcp-spring-tools}/node_modules.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** Prints "PREFIX: msg" on stderr and exits with `code`. */
export function fail(prefix, msg, code = 1) {
  process.stderr.write(`${prefix}: ${msg}\n`);
  process.exit(code);
}

/**
 * Resolves to { Client, StreamableHTTPClientTransport, types, sdkVersion, from }, where `types` is
 * the SDK's types module (request/notification schemas such as CreateMessageRequestSchema).
 */
export async function loadSdk(prefix) {
  const fromDir = (nm) => {
    const req = createRequire(path.join(path.resolve(nm), 'noop.js'));
    return {
      Client: req('@modelcontextprotocol/sdk/client/index.js').Client,
      StreamableHTTPClientTransport: req('@modelcontextprotocol/sdk/client/streamableHttp.js')
        .StreamableHTTPClientTransport,
      types: req('@modelcontextprotocol/sdk/types.js'),
      sdkVersion: JSON.parse(readFileSync(path.join(path.resolve(nm), '@modelcontextprotocol', 'sdk', 'package.json'), 'utf8')).version,
      from: path.resolve(nm),
    };
  };
  if (process.env.MCP_TOOLS_NODE_MODULES) {
    try {
      return fromDir(process.env.MCP_TOOLS_NODE_MODULES);
    } catch (e) {
      fail(prefix, `cannot load @modelcontextprotocol/sdk from MCP_TOOLS_NODE_MODULES=${process.env.MCP_TOOLS_NODE_MODULES}: ${e.message}`);
    }
  }
  try {
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    const types = await import('@modelcontextprotocol/sdk/types.js');
    return { Client, StreamableHTTPClientTransport, types, sdkVersion: '?', from: 'esm import' };
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
  const cache = process.env.MCP_TOOLS_CACHE || path.join(homedir(), '.cache', 'mcp-spring-tools');
  const nm = path.join(cache, 'node_modules');
  if (!existsSync(path.join(nm, '@modelcontextprotocol', 'sdk'))) {
    fail(prefix, `@modelcontextprotocol/sdk not found (looked in ${nm}); run scripts/setup-node.sh or use scripts/ts-client.sh`);
  }
  return fromDir(nm);
}

// Best effort at the end of a run: end the server-side session (DELETE; a server may answer 405), then close.
export async function closeQuietly(client, transport) {
  try {
    if (transport.sessionId) await transport.terminateSession();
  } catch {
    /* ignore */
  }
  try {
    await client.close();
  } catch {
    /* ignore */
  }
}
