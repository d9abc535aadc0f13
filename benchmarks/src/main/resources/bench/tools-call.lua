-- wrk script of the MCP benchmark: POSTs tools/call on sessions initialized beforehand by the runner, or, in
-- mode stateless, without a session as the 2026-07-28 revision does.
-- Arguments after "--": mode (json | sse | stateless | mixed | mixed-control) thread-count session-id... (none for
-- stateless)
-- Each wrk thread takes every thread-count-th session id and cycles through a ring of 4096 prepared requests
-- (JSON-RPC ids 1..4096, unique among the requests of a session that can be in flight at once).
-- json:      tools/call echo, 2025-11-25 in a session, answered with application/json.
-- sse:       tools/call echo_progress with a progress token: one progress notification, then the result, as SSE.
-- stateless: tools/call echo, 2026-07-28: no Mcp-Session-Id; the version, method and tool name in headers, the
--            version, client capabilities and client info in params._meta; answered with application/json.
-- mixed:     json and stateless by turns on every connection, for measuring the two side by side.
-- mixed-control: as mixed, but the session call carries the stateless call's _meta too (its version key spelt
--            with a capital P, which no revision defines, so the call stays a 2025 one): the two calls then parse
--            the same bytes, and what is left between them is how each era handles a call.

local created = 0

function setup(thread)
   thread:set("tid", created)
   created = created + 1
end

function init(args)
   local mode = args[1]
   local threads = tonumber(args[2])
   local mine = {}
   for i = 3, #args do
      if (i - 3) % threads == tid then
         mine[#mine + 1] = args[i]
      end
   end
   local tool = (mode == "sse") and "echo_progress" or "echo"
   ring = {}
   local statelessMeta = ',"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",'
      .. '"io.modelcontextprotocol/clientCapabilities":{},'
      .. '"io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"}}'
   local mixed = mode == "mixed" or mode == "mixed-control"
   for k = 1, 4096 do
      local meta = ""
      local headers
      if mode == "stateless" or (mixed and k % 2 == 0) then
         meta = statelessMeta
         headers = {
            ["Content-Type"] = "application/json",
            ["Accept"] = "application/json, text/event-stream",
            ["MCP-Protocol-Version"] = "2026-07-28",
            ["Mcp-Method"] = "tools/call",
            ["Mcp-Name"] = tool
         }
      else
         if mode == "sse" then
            meta = string.format(',"_meta":{"progressToken":%d}', k)
         elseif mode == "mixed-control" then
            meta = string.gsub(statelessMeta, "/protocolVersion", "/ProtocolVersion")
         end
         headers = {
            ["Content-Type"] = "application/json",
            ["Accept"] = "application/json, text/event-stream",
            ["Mcp-Session-Id"] = mine[(k - 1) % #mine + 1],
            ["MCP-Protocol-Version"] = "2025-11-25"
         }
      end
      local body = string.format(
         '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":{"message":"hello"}%s}}',
         k, tool, meta)
      ring[k] = wrk.format("POST", "/mcp", headers, body)
   end
   position = 0
end

function request()
   position = position % 4096 + 1
   return ring[position]
end

function done(summary, latency, requests)
   io.write(string.format(
      "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d errors_connect=%d "
         .. "errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d bytes=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max, summary.errors.connect, summary.errors.read, summary.errors.write,
      summary.errors.status, summary.errors.timeout, summary.bytes))
end
