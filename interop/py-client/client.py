"""Interop client on the Python MCP SDK (the `mcp` package, pinned to 2.3.0 by scripts/setup-python.sh).

The SDK speaks both protocol eras: in `auto` mode it probes with `server/discover` and falls back to
`initialize`, `legacy` forces the 2025 handshake, and a version such as `2026-07-28` adopts that revision without
a probe. The client connects, lists the tools, calls the given tools in order and prints what happened as ONE
JSON line on stdout.

It declares sampling, roots and elicitation and answers them with canned values through the SDK's callbacks. On a
2025 connection the server sends them as JSON-RPC requests; on a 2026-07-28 connection the server answers
`tools/call` with an `input_required` result, and the SDK calls the same callbacks and retries the call with
`inputResponses` (and the `requestState` echo).

Usage (normally through interop/py-client/run.sh, which supplies the environment):
  python client.py TARGET MODE [CALLS_JSON] [OPTIONS]
    TARGET      the MCP endpoint (http://127.0.0.1:8080/mcp), or stdio:JSON_ARRAY to start that command and talk
                to it over stdio, e.g. 'stdio:["java","-jar","app.jar","--mcp.server.transport.type=stdio"]'
    MODE        legacy | auto | a 2026 revision such as 2026-07-28
    CALLS_JSON  a JSON array of the tool calls to make after tools/list, e.g. '[{"name":"statistics",
                "arguments":{"numbers":[1,2]}}]' (default [])
  OPTIONS
    --capabilities LIST   comma-separated subset of sampling,roots,elicitation to declare (default all three)
    --roots JSON          the roots to answer roots/list with (default [])
    --model-reply TEXT    what the canned model answers sampling/createMessage with
    --sampling-error MSG  the sampling callback returns this error instead
    --elicit JSON         the user's answer to elicitation/create (default {"action":"decline"})
    --log-level LEVEL     ask for log messages (2026: in each request's _meta; 2025: logging/setLevel once)
    --progress            pass a progress callback to each call

Output (one JSON line):
  {"sdk":"2.3.0","mode":..,"protocolVersion":..,"serverInfo":{..}|null,"tools":[names],
   "calls":[{"name","arguments","result":{..}|null,"error":null|{"type","message","code"},
             "progress":[{"progress","total","message"}],"legs":[{"headers":{..},"params":{..}}]}],
   "seen":{"sampling":[params],"elicitation":[params],"rootsListed":N},
   "logs":[{"level","logger","data"}],
   "http":[{"method","status","contentType","headers":{..},"body":{..}|null}]}
"legs" are the tools/call POSTs a call took (one, plus one per input_required round), with their MCP headers and
params; "http" is every HTTP exchange in order (empty over stdio). Results are written as they came on the wire
(fields the SDK only defaults are left out). A tool result with isError is a result; an exception from call_tool
goes in "error" and the run goes on. Exit codes: 0 done, 1 failure (a message on stderr), 2 usage, 3 the
connection failed (the JSON line is still printed, with "connectError").
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import json
import sys
from typing import Any

import httpx2
import mcp_types as types
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

REPORTED_HEADERS = ("mcp-protocol-version", "mcp-method", "mcp-name", "mcp-session-id")


def wire(model: Any) -> Any:
    """A result as it came on the wire: only the fields the server set."""
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


class Recorder:
    """The canned client side (callbacks) and what it saw."""

    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.sampling: list[Any] = []
        self.elicitation: list[Any] = []
        self.roots_listed = 0
        self.logs: list[Any] = []
        self.http: list[dict[str, Any]] = []

    async def on_sampling(self, _context: Any, params: types.CreateMessageRequestParams) -> Any:
        self.sampling.append(wire(params))
        if self.options.sampling_error is not None:
            return types.ErrorData(code=-1, message=self.options.sampling_error)
        return types.CreateMessageResult(role="assistant", model="canned-model",
                                         content=types.TextContent(type="text", text=self.options.model_reply))

    async def on_roots(self, _context: Any) -> types.ListRootsResult:
        self.roots_listed += 1
        return types.ListRootsResult(roots=[types.Root(**root) for root in self.options.roots])

    async def on_elicitation(self, _context: Any, params: Any) -> types.ElicitResult:
        self.elicitation.append(wire(params))
        return types.ElicitResult(**self.options.elicit)

    async def on_log(self, params: types.LoggingMessageNotificationParams) -> None:
        self.logs.append({"level": params.level, "logger": params.logger, "data": params.data})

    async def on_request(self, request: httpx2.Request) -> None:
        body = None
        if request.method == "POST" and request.content:
            body = json.loads(request.content)
        self.http.append({"method": request.method,
                          "headers": {name: request.headers[name] for name in request.headers
                                      if name.lower() in REPORTED_HEADERS or name.lower().startswith("mcp-param-")},
                          "body": body})

    async def on_response(self, response: httpx2.Response) -> None:
        for entry in reversed(self.http):
            if "status" not in entry:
                entry["status"] = response.status_code
                entry["contentType"] = response.headers.get("content-type")
                break


async def call(client: Client, recorder: Recorder, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"name": name, "arguments": arguments, "result": None, "error": None, "progress": []}
    first_exchange = len(recorder.http)

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        record["progress"].append({"progress": progress, "total": total, "message": message})

    try:
        result = await client.call_tool(name, arguments,
                                        progress_callback=on_progress if recorder.options.progress else None)
        record["result"] = wire(result)
    except Exception as error:  # the run goes on: the test reads what failed
        record["error"] = {"type": type(error).__name__, "message": str(error),
                           "code": getattr(getattr(error, "error", None), "code", None)}
    record["legs"] = [{"headers": entry["headers"], "params": entry["body"].get("params")}
                      for entry in recorder.http[first_exchange:]
                      if entry["body"] is not None and entry["body"].get("method") == "tools/call"]
    return record


async def run(options: argparse.Namespace) -> int:
    recorder = Recorder(options)
    if options.target.startswith("stdio:"):
        command = json.loads(options.target[len("stdio:"):])
        return await run_client(StdioServerParameters(command=command[0], args=command[1:]), recorder)
    async with create_mcp_http_client() as http:
        http.event_hooks = {"request": [recorder.on_request], "response": [recorder.on_response]}
        return await run_client(streamable_http_client(options.target, http_client=http), recorder)


async def run_client(server: Any, recorder: Recorder) -> int:
    options = recorder.options
    declared = {c.strip() for c in options.capabilities.split(",") if c.strip()}
    out: dict[str, Any] = {"sdk": importlib.metadata.version("mcp"), "mode": options.mode, "connectError": None}
    client = Client(server, mode=options.mode,
                    sampling_callback=recorder.on_sampling if "sampling" in declared else None,
                    list_roots_callback=recorder.on_roots if "roots" in declared else None,
                    elicitation_callback=recorder.on_elicitation if "elicitation" in declared else None,
                    logging_callback=recorder.on_log,
                    log_level=options.log_level,
                    client_info=types.Implementation(name="mcp-spring-py-interop", version="1.0.0"),
                    read_timeout_seconds=60)
    try:
        await client.__aenter__()
    except Exception as error:
        out["connectError"] = f"{type(error).__name__}: {error}"
        out["http"] = recorder.http
        print(json.dumps(out))
        return 3
    try:
        out["protocolVersion"] = client.protocol_version
        out["serverInfo"] = wire(client.server_info) if client.server_info is not None else None
        if options.log_level is not None and options.mode == "legacy":
            await client.set_logging_level(options.log_level)
        out["tools"] = [tool.name for tool in (await client.list_tools()).tools]
        out["calls"] = [await call(client, recorder, c["name"], c.get("arguments", {})) for c in options.calls]
    finally:
        await client.__aexit__(None, None, None)
    out["seen"] = {"sampling": recorder.sampling, "elicitation": recorder.elicitation,
                   "rootsListed": recorder.roots_listed}
    out["logs"] = recorder.logs
    out["http"] = recorder.http
    print(json.dumps(out))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="py-client")
    parser.add_argument("target")
    parser.add_argument("mode")
    parser.add_argument("calls", nargs="?", default="[]", type=json.loads)
    parser.add_argument("--capabilities", default="sampling,roots,elicitation")
    parser.add_argument("--roots", default="[]", type=json.loads)
    parser.add_argument("--model-reply", default="canned model reply")
    parser.add_argument("--sampling-error")
    parser.add_argument("--elicit", default='{"action":"decline"}', type=json.loads)
    parser.add_argument("--log-level")
    parser.add_argument("--progress", action="store_true")
    try:
        return asyncio.run(asyncio.wait_for(run(parser.parse_args()), timeout=240))
    except Exception as error:
        print(f"py-client: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
