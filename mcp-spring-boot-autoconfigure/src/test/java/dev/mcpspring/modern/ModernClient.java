package dev.mcpspring.modern;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A 2026-07-28 client for the tests: every request carries the version and the client's capabilities in its
 * {@code _meta} and mirrors the method, name and version into headers, without a session.
 */
public final class ModernClient {

    static final String VERSION = "2026-07-28";

    private final McpTestClient http;

    private Map<String, Object> capabilities = Map.of();

    private String logLevel;

    public ModernClient(int port) {
        this(McpTestClient.create(port));
    }

    /** A client sending its requests through {@code http} (with its default headers, such as credentials). */
    public ModernClient(McpTestClient http) {
        this.http = http.protocolVersion(null);
    }

    /** The capabilities the following requests declare. */
    ModernClient capabilities(Map<String, Object> capabilities) {
        this.capabilities = capabilities;
        return this;
    }

    /** The log level the following requests ask for ({@code null}: none). */
    ModernClient logLevel(String logLevel) {
        this.logLevel = logLevel;
        return this;
    }

    McpTestClient http() {
        return http;
    }

    /** The params of a request: {@code members} plus the per-request {@code _meta}. */
    public ObjectNode params(Map<String, ?> members) {
        ObjectNode params = http.mapper().valueToTree(new LinkedHashMap<>(members));
        ObjectNode meta = params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", VERSION);
        meta.set("io.modelcontextprotocol/clientCapabilities", http.mapper().valueToTree(capabilities));
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "modern-test-client").put("version", "1");
        if (logLevel != null) {
            meta.put("io.modelcontextprotocol/logLevel", logLevel);
        }
        return params;
    }

    /** The params of a {@code tools/call} of {@code tool} without arguments, asking for progress. */
    ObjectNode callWithProgressToken(String tool) {
        ObjectNode params = params(Map.of("name", tool, "arguments", Map.of()));
        ((ObjectNode) params.get("_meta")).put("progressToken", "p1");
        return params;
    }

    /** A POST of {@code method} with these params and the headers a conforming client sends. */
    McpTestClient.Exchange post(String method, JsonNode params) {
        return post(http.message(http.nextId(), method, params));
    }

    /** Sends {@code tools/call} with these params and returns as soon as the response starts. */
    OpenRequest start(JsonNode params) {
        return start("tools/call", params);
    }

    /** Sends {@code method} with these params and returns as soon as the response starts. */
    public OpenRequest start(String method, JsonNode params) {
        ObjectNode message = http.message(http.nextId(), method, params);
        return post(message).start(message.get("id"));
    }

    private McpTestClient.Exchange post(ObjectNode message) {
        String method = message.path("method").asString();
        JsonNode params = message.path("params");
        McpTestClient.Exchange exchange = http.post(message)
            .header(McpTestClient.VERSION_HEADER, VERSION)
            .header("Mcp-Method", method);
        JsonNode name = params.has("name") ? params.get("name")
                : params.has("uri") ? params.get("uri") : params.get("taskId");
        if (name != null && name.isString()) {
            exchange.header("Mcp-Name", name.asString());
        }
        return exchange;
    }

    McpResponse request(String method, Map<String, ?> members) {
        return post(method, params(members)).send();
    }

    McpResponse discover() {
        return request("server/discover", Map.of());
    }

    public McpResponse callTool(String name, Map<String, ?> arguments) {
        return request("tools/call", Map.of("name", name, "arguments", arguments));
    }

    /** The retry of a tool call that ended with {@code inputRequired}, answering with {@code responses}. */
    McpResponse retryTool(String name, Map<String, ?> arguments, JsonNode inputRequired, Map<String, ?> responses) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("name", name);
        members.put("arguments", arguments);
        members.put("inputResponses", responses);
        if (inputRequired.has("requestState")) {
            members.put("requestState", inputRequired.get("requestState").asString());
        }
        return request("tools/call", members);
    }
}
