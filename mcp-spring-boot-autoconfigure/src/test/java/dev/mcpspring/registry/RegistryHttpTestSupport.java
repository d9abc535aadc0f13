package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.server.CompletionRegistry;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Clients, requests and checks shared by the registry HTTP tests. */
abstract class RegistryHttpTestSupport {

    /** How long to wait for a message that must arrive. */
    static final Duration WAIT = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    // The registry beans, for tests that add or remove items while the server runs; such a test removes them again.

    @Autowired
    ToolRegistry tools;

    @Autowired
    ResourceRegistry resources;

    @Autowired
    ResourceTemplateRegistry templates;

    @Autowired
    PromptRegistry prompts;

    @Autowired
    CompletionRegistry completions;

    /** A client with an initialized session of the latest protocol version. */
    McpTestClient connected() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();
        return client;
    }

    /** Opens the session's GET stream, failing unless the server accepted it. */
    static SseSubscription openStream(McpTestClient client) {
        SseSubscription stream = client.openStream();
        assertThat(stream.status()).as("GET stream of session %s: %s", client.sessionId(), stream.body())
            .isEqualTo(200);
        assertThat(stream.isSse()).isTrue();
        return stream;
    }

    /** The method of the next message on a stream, after checking that it is a notification. */
    static String nextNotification(SseSubscription stream) {
        JsonNode message = stream.nextMessage(WAIT);
        assertThat(message.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(message.has("id")).as("a notification has no id: %s", message).isFalse();
        return message.path("method").asString();
    }

    /** The next message on a stream, after checking that it is a notification. */
    static JsonNode nextNotificationMessage(SseSubscription stream) {
        JsonNode message = stream.nextMessage(WAIT);
        assertThat(message.has("id")).as("a notification has no id: %s", message).isFalse();
        return message;
    }

    static McpResponse list(McpTestClient client, String method, String cursor) {
        ObjectNode params = client.mapper().createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return client.request(method, params);
    }

    /** Every item of a list method, following {@code nextCursor}; also checks that every page is full but the last. */
    static List<String> walk(McpTestClient client, String method, String itemsMember, String keyMember) {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            JsonNode result = list(client, method, cursor).result();
            result.path(itemsMember).forEach(item -> keys.add(item.path(keyMember).asString()));
            if (!result.hasNonNull("nextCursor")) {
                return keys;
            }
            assertThat(result.path(itemsMember).size()).as("a page before the last is full").isEqualTo(2);
            cursor = result.path("nextCursor").asString();
        }
        throw new AssertionError(method + " did not end after 50 pages: " + keys);
    }

    static McpResponse read(McpTestClient client, String uri) {
        return client.request("resources/read", Map.of("uri", uri));
    }

    static McpResponse subscribe(McpTestClient client, String uri) {
        return client.request("resources/subscribe", Map.of("uri", uri));
    }

    static McpResponse unsubscribe(McpTestClient client, String uri) {
        return client.request("resources/unsubscribe", Map.of("uri", uri));
    }

    /** The text of the only contents of a {@code resources/read} result. */
    static String readText(McpResponse response) {
        JsonNode contents = response.result().path("contents");
        assertThat(contents.size()).as("contents of %s", response).isEqualTo(1);
        return contents.get(0).path("text").asString();
    }

    /** Asserts a JSON-RPC error in a 200 answer and returns its {@code error} object. */
    static JsonNode rpcError(McpResponse response, int code) {
        assertThat(response.status()).as("HTTP status of %s", response).isEqualTo(200);
        JsonNode error = response.error();
        assertThat(error.path("code").asInt()).as("error code in %s", response).isEqualTo(code);
        assertThat(error.path("message").asString()).as("error message in %s", response).isNotBlank();
        return error;
    }
}
