package dev.mcpspring.bench.bare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor cost of any MCP server on Spring MVC: a controller that hand-parses JSON-RPC with the same Jackson as
 * the starter and answers just enough of MCP for the benchmark: {@code initialize} (creating a session id the way
 * the starter does), notifications and responses (202), {@code ping}, and {@code tools/call} of {@code echo} (a
 * JSON answer) and {@code echo_progress} (an SSE answer: one progress notification, flushed, then the result).
 * No validation beyond the session look-up, no schema, no executor hand-off: nothing a real server could skip less.
 */
@RestController
public class BareMcpController {

    private static final String SESSION_HEADER = "Mcp-Session-Id";

    private static final byte[] EVENT_PREFIX = "event: message\ndata: ".getBytes(StandardCharsets.UTF_8);

    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JsonMapper mapper = JsonMapper.builder().build();

    private final Map<String, Boolean> sessions = new ConcurrentHashMap<>();

    @PostMapping("/mcp")
    public void post(@RequestHeader(name = SESSION_HEADER, required = false) String sessionId,
            @RequestBody byte[] body, HttpServletResponse response) throws IOException {
        JsonNode message;
        try {
            message = mapper.readTree(body);
        }
        catch (JacksonException ex) {
            writeJson(response, 400, error(null, -32700, "Parse error"));
            return;
        }
        JsonNode id = message.get("id");
        String method = message.path("method").asString(null);
        if (id == null || method == null) { // a notification, or a response from the client
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        if ("initialize".equals(method)) {
            String newId = newSessionId();
            sessions.put(newId, Boolean.TRUE);
            response.setHeader(SESSION_HEADER, newId);
            writeJson(response, 200, result(id, initializeResult(message.path("params"))));
            return;
        }
        if (sessionId == null) {
            writeJson(response, 400, error(id, -32600, "Bad Request: Mcp-Session-Id header is required"));
            return;
        }
        if (!sessions.containsKey(sessionId)) {
            writeJson(response, 404, error(id, -32001, "Session not found"));
            return;
        }
        switch (method) {
            case "tools/call" -> toolsCall(id, message.path("params"), response);
            case "ping" -> writeJson(response, 200, result(id, mapper.createObjectNode()));
            default -> writeJson(response, 200, error(id, -32601, "Method not found: " + method));
        }
    }

    @DeleteMapping("/mcp")
    public void delete(@RequestHeader(name = SESSION_HEADER) String sessionId, HttpServletResponse response) {
        response.setStatus(sessions.remove(sessionId) != null ? 200 : 404);
    }

    private void toolsCall(JsonNode id, JsonNode params, HttpServletResponse response) throws IOException {
        String name = params.path("name").asString("");
        String text = params.path("arguments").path("message").asString("");
        ObjectNode result = mapper.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        switch (name) {
            case "echo" -> writeJson(response, 200, result(id, result));
            case "echo_progress" -> {
                response.setStatus(200);
                response.setContentType("text/event-stream");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Cache-Control", "no-cache, no-transform");
                ServletOutputStream out = response.getOutputStream();
                JsonNode token = params.path("_meta").get("progressToken");
                if (token != null) {
                    ObjectNode progress = mapper.createObjectNode();
                    progress.put("jsonrpc", "2.0").put("method", "notifications/progress");
                    ObjectNode progressParams = progress.putObject("params");
                    progressParams.set("progressToken", token);
                    progressParams.put("progress", 1.0).put("total", 1.0).put("message", "echoing");
                    writeEvent(out, progress);
                    out.flush(); // a progress notification is worth something only when it is sent at once
                }
                writeEvent(out, result(id, result));
            }
            default -> writeJson(response, 200, error(id, -32602, "Unknown tool: " + name));
        }
    }

    private ObjectNode initializeResult(JsonNode params) {
        ObjectNode result = mapper.createObjectNode();
        result.put("protocolVersion", params.path("protocolVersion").asString("2025-11-25"));
        result.putObject("capabilities").putObject("tools").put("listChanged", true);
        result.putObject("serverInfo").put("name", "bare-mvc").put("version", "1.0.0");
        return result;
    }

    private ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = mapper.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    private ObjectNode error(JsonNode id, int code, String text) {
        ObjectNode message = mapper.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.set("id", id);
        message.putObject("error").put("code", code).put("message", text);
        return message;
    }

    private void writeJson(HttpServletResponse response, int status, JsonNode body) throws IOException {
        byte[] json = mapper.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    private void writeEvent(ServletOutputStream out, JsonNode message) throws IOException {
        out.write(EVENT_PREFIX);
        out.write(mapper.writeValueAsBytes(message));
        out.write(EVENT_END);
    }

    private static String newSessionId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
