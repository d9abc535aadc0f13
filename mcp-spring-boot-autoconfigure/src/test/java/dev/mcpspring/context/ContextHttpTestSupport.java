package dev.mcpspring.context;

import java.util.Map;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** Calls the {@code context} and {@code pollute} tools over HTTP, with or without the caller's context headers. */
abstract class ContextHttpTestSupport {

    @LocalServerPort
    int port;

    /** A client with an initialized session. */
    McpTestClient connected() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();
        return client;
    }

    /** Calls {@code tool} with the given request headers and returns what the handler reported. */
    static JsonNode call(McpTestClient client, String tool, Map<String, String> headers) {
        McpTestClient.Exchange exchange = client
            .post(client.message(client.nextId(), "tools/call", client.callToolParams(tool, Map.of(), null)));
        headers.forEach(exchange::header);
        McpResponse response = exchange.send();
        JsonNode result = response.result();
        if (result.path("isError").asBoolean()) {
            throw new AssertionError("the tool " + tool + " failed: " + response);
        }
        return client.mapper().readTree(result.path("content").path(0).path("text").asString());
    }

    /** The headers with which the test filter authenticates alice, traces, observes and sets the tenant. */
    static Map<String, String> alice() {
        return Map.of("X-User", "alice", "X-Trace-Id", "trace-42", "X-Observation", "mcp.test.request", "X-Tenant",
                "acme");
    }
}
