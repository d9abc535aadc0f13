package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** {@code prompts/get}: arguments reach the prompt; missing or malformed arguments are invalid params. */
@RegistryHttpTest
class PromptsGetHttpTests extends RegistryHttpTestSupport {

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = connected();
    }

    @Test
    void theArgumentsAreFilledIn() {
        McpResponse response = client.request("prompts/get",
                Map.of("name", "greet", "arguments", Map.of("name", "Ada", "style", "formal")));

        JsonNode result = response.result();
        assertThat(result.path("description").asString()).isEqualTo("A greeting");
        JsonNode messages = result.path("messages");
        assertThat(messages.size()).isEqualTo(2);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
        assertThat(messages.get(0).path("content").path("type").asString()).isEqualTo("text");
        assertThat(messages.get(0).path("content").path("text").asString())
            .isEqualTo("Greet Ada in a formal style");
        assertThat(messages.get(1).path("role").asString()).isEqualTo("assistant");
        assertThat(messages.get(1).path("content").path("text").asString()).isEqualTo("Hello, Ada!");
    }

    @Test
    void anOptionalArgumentMayBeLeftOut() {
        JsonNode result = client.request("prompts/get", Map.of("name", "greet", "arguments", Map.of("name", "Bo")))
            .result();

        assertThat(result.path("messages").get(0).path("content").path("text").asString())
            .isEqualTo("Greet Bo in a plain style");
    }

    @Test
    void aPromptWithoutArgumentsNeedsNoArgumentsMember() {
        JsonNode result = client.request("prompts/get", Map.of("name", "haiku")).result();

        assertThat(result.path("messages").get(0).path("content").path("text").asString()).isEqualTo("haiku: ");
    }

    @Test
    void onlyTheArgumentsTheClientSentArePassed() {
        JsonNode result = client.request("prompts/get",
                Map.of("name", "review", "arguments", Map.of("code", "x = 1", "focus", "naming")))
            .result();

        assertThat(result.path("messages").get(0).path("content").path("text").asString())
            .isEqualTo("review: code=x = 1;focus=naming");
    }

    @Test
    void aMissingRequiredArgumentIsInvalidParamsNamingIt() {
        JsonNode error = rpcError(client.request("prompts/get",
                Map.of("name", "greet", "arguments", Map.of("style", "formal"))), ErrorCodes.INVALID_PARAMS);

        assertThat(error.path("message").asString()).contains("'name'").contains("greet");
    }

    @Test
    void aMissingArgumentsMemberIsLikeNoArguments() {
        JsonNode error = rpcError(client.request("prompts/get", Map.of("name", "summarize")),
                ErrorCodes.INVALID_PARAMS);

        assertThat(error.path("message").asString()).contains("'text'");
    }

    @Test
    void aNonStringArgumentIsInvalidParamsNamingIt() {
        JsonNode error = rpcError(client.request("prompts/get",
                Map.of("name", "greet", "arguments", Map.of("name", 42))), ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains("'name'").contains("string");

        JsonNode nested = rpcError(client.request("prompts/get",
                Map.of("name", "greet", "arguments", Map.of("name", "Ada", "style", List.of("a", "b")))),
                ErrorCodes.INVALID_PARAMS);
        assertThat(nested.path("message").asString()).contains("'style'");
    }

    @Test
    void argumentsThatAreNotAnObjectAreInvalidParams() {
        rpcError(client.request("prompts/get", Map.of("name", "greet", "arguments", List.of("Ada"))),
                ErrorCodes.INVALID_PARAMS);
    }

    @Test
    void anUnknownPromptIsInvalidParamsNamingIt() {
        JsonNode error = rpcError(client.request("prompts/get", Map.of("name", "no-such-prompt")),
                ErrorCodes.INVALID_PARAMS);

        assertThat(error.path("message").asString()).contains("no-such-prompt");
    }
}
