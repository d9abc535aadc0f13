// Exits 0 when the MCP server at the URL given as argument answers an initialize with 2xx (then ends the
// session it got); 1 otherwise. Used by scripts/conformance.sh to wait for the server.
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
