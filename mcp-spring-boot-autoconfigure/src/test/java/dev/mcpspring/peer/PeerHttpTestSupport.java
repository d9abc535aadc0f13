package dev.mcpspring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** What the back-channel tests share: clients with capabilities, the tools' outcomes, answers to send. */
abstract class PeerHttpTestSupport {

    /** The longest a test waits for something that should happen at once. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** Everything a 2025-11-25 client can declare. */
    static final Map<String, Object> ALL_CAPABILITIES = Map.of(
            "sampling", Map.of("tools", Map.of(), "context", Map.of()),
            "elicitation", Map.of("form", Map.of(), "url", Map.of()),
            "roots", Map.of("listChanged", true));

    @LocalServerPort
    int port;

    @Autowired
    Outcomes outcomes;

    /** A client with an initialized 2025-11-25 session declaring {@code capabilities}. */
    McpTestClient connect(Map<String, ?> capabilities) {
        McpTestClient client = McpTestClient.create(port);
        client.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION, capabilities);
        return client;
    }

    /** A client with an initialized 2025-11-25 session declaring every capability. */
    McpTestClient connectWithAllCapabilities() {
        return connect(ALL_CAPABILITIES);
    }

    /** A key no other test uses. */
    static String key() {
        return UUID.randomUUID().toString();
    }

    /** Arguments: {@code key} plus name-value pairs. */
    static Map<String, Object> args(String key, Object... more) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("key", key);
        for (int i = 0; i < more.length; i += 2) {
            args.put((String) more[i], more[i + 1]);
        }
        return args;
    }

    /** A sampling result with one text block. */
    static Map<String, Object> samplingAnswer(String text) {
        return Map.of("role", "assistant", "content", Map.of("type", "text", "text", text), "model", "test-model",
                "stopReason", "endTurn");
    }

    /** The text of the first content block of a tool result. */
    static String text(JsonNode toolResult) {
        return toolResult.path("content").path(0).path("text").asString();
    }

    /** Asserts a successful tool result and returns its text. */
    static String successText(JsonNode toolResult) {
        assertThat(toolResult.path("isError").asBoolean(false)).as("isError of %s", toolResult).isFalse();
        return text(toolResult);
    }

    /** Asserts a failed tool result and returns its text. */
    static String errorText(JsonNode toolResult) {
        assertThat(toolResult.path("isError").asBoolean(false)).as("isError of %s", toolResult).isTrue();
        return text(toolResult);
    }

    /** Asserts that an HTTP answer is a plain JSON body with the one response: nothing else was sent. */
    static JsonNode onlyResponse(McpResponse response) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(200);
        assertThat(response.isJson()).as("a plain JSON answer, nothing sent before it: %s", response).isTrue();
        List<JsonNode> messages = response.messages();
        assertThat(messages).as("messages of %s", response).hasSize(1);
        return messages.get(0);
    }
}
