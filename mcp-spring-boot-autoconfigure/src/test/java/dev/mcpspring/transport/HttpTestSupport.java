package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** What every HTTP test needs: the server's port, clients, and the checks of a clean error answer. */
abstract class HttpTestSupport {

    @LocalServerPort
    int port;

    /** A client without session. */
    McpTestClient client() {
        return McpTestClient.create(port);
    }

    /** A client with an initialized session of {@code version}. */
    McpTestClient connected(String version) {
        McpTestClient client = client();
        client.connect(version);
        return client;
    }

    /** A client with an initialized session of the latest version. */
    McpTestClient connected() {
        return connected(McpTestClient.DEFAULT_PROTOCOL_VERSION);
    }

    /**
     * Asserts an error answer: the HTTP status, a JSON body that is a JSON-RPC error response with the code and
     * a non-empty message, and nothing in the body that leaks implementation details.
     *
     * @return the {@code error} object
     */
    static JsonNode assertError(McpResponse response, int status, int code) {
        assertThat(response.status()).as("HTTP status of %s", response).isEqualTo(status);
        assertThat(response.isJson()).as("JSON body in %s", response).isTrue();
        JsonNode message = response.json();
        assertThat(message.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(message.has("result")).isFalse();
        JsonNode error = message.path("error");
        assertThat(error.path("code").isInt()).as("integer error code in %s", response).isTrue();
        assertThat(error.path("code").asInt()).as("JSON-RPC code in %s", response).isEqualTo(code);
        assertThat(error.path("message").asString()).as("error message in %s", response).isNotBlank();
        assertNoLeaks(response);
        return error;
    }

    /** Asserts an error answer whose id could not be read: {@code "id": null}. */
    static JsonNode assertErrorWithoutId(McpResponse response, int status, int code) {
        JsonNode error = assertError(response, status, code);
        assertThat(response.json().has("id")).as("id member in %s", response).isTrue();
        assertThat(response.json().get("id").isNull()).as("null id in %s", response).isTrue();
        return error;
    }

    /** Asserts a 200 answer carrying a JSON-RPC error (not a transport refusal). */
    static JsonNode assertRpcError(McpResponse response, int code) {
        return assertError(response, 200, code);
    }

    /** Asserts that a body shows no stack trace, exception class or Java type name. */
    static void assertNoLeaks(McpResponse response) {
        assertThat(response.body()).as("body of %s", response)
            .doesNotContain("Exception")
            .doesNotContain("\tat ")
            .doesNotContain("java.")
            .doesNotContain("jakarta.")
            .doesNotContain("tools.jackson")
            .doesNotContain("dev.mcpspring")
            .doesNotContain("org.springframework");
    }

    /** The text of the first content block of a tool result. */
    static String text(JsonNode toolResult) {
        return toolResult.path("content").path(0).path("text").asString();
    }
}
