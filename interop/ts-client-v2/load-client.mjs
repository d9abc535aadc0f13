// Loads the TypeScript MCP SDK v2 client (@modelcontextprotocol/client, pinned to 2.4.0 by
// scripts/setup-node.sh) for the interop client in this folder.
//
// Same lookup as interop/ts-client/load-sdk.mjs (the package lives in the tool cache, not in this
// repo, and ESM `import` ignores NODE_PATH), so we anchor module.createRequire() inside the
// cache's node_modules and require() the package's CommonJS build:
//   1. $MCP_TOOLS_NODE_MODULES (set by interop/ts-client-v2/run.sh) - always wins;
//   2. a normal ESM import (works if these files are copied next to a node_modules);
//   3. ${MCP_TOOLS_CACHE:-$HOME/.cache/mcp-spring-tools}/node_modules.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const PACKAGE = '@modelcontextprotocol/client';

/** Prints "PREFIX: msg" on stderr and exits with `code`. */
export function fail(prefix, msg, code = 1) {
  process.stderr.write(`${prefix}: ${msg}\n`);
  process.exit(code);
}

/** Resolves to { sdk, sdkVersion, from }, where `sdk` is the package's main module (Client, StreamableHTTPClientTransport, ...). */
export async function loadClient(prefix) {
  const fromDir = (nm) => {
    const req = createRequire(path.join(path.resolve(nm), 'noop.js'));
    return {
      sdk: req(PACKAGE),
      sdkVersion: JSON.parse(readFileSync(path.join(path.resolve(nm), '@modelcontextprotocol', 'client', 'package.json'), 'utf8')).version,
      from: path.resolve(nm),
    };
  };
  if (process.env.MCP_TOOLS_NODE_MODULES) {
    try {
      return fromDir(process.env.MCP_TOOLS_NODE_MODULES);
    } catch (e) {
      fail(prefix, `cannot load ${PACKAGE} from MCP_TOOLS_NODE_MODULES=${process.env.MCP_TOOLS_NODE_MODULES}: ${e.message}`);
    }
  }
  try {
    return { sdk: await import(PACKAGE), sdkVersion: '?', from: 'esm import' };
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
  const cache = process.env.MCP_TOOLS_CACHE || path.join(homedir(), '.cache', 'mcp-spring-tools');
  const nm = path.join(cache, 'node_modules');
  if (!existsSync(path.join(nm, '@modelcontextprotocol', 'client'))) {
    fail(prefix, `${PACKAGE} not found (looked in ${nm}); run scripts/setup-node.sh or use interop/ts-client-v2/run.sh`);
  }
  return fromDir(nm);
}
