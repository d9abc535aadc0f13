package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** {@code completion/complete} of prompt arguments and template variables. */
@RegistryHttpTest
class CompletionsHttpTests extends RegistryHttpTestSupport {

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = connected();
    }

    @Test
    void aPromptArgumentIsCompleted() {
        JsonNode completion = complete(prompt("translate"), "language", "lang-00", null);

        assertThat(values(completion)).containsExactly("lang-000", "lang-001", "lang-002", "lang-003", "lang-004",
                "lang-005", "lang-006", "lang-007", "lang-008", "lang-009");
        assertThat(completion.path("total").asInt()).isEqualTo(10);
        assertThat(completion.path("hasMore").asBoolean()).isFalse();
    }

    @Test
    void theArgumentsAlreadyChosenAndTheTypedValueReachTheCompletion() {
        JsonNode completion = complete(prompt("greet"), "style", "fo", Map.of("name", "Ada"));

        assertThat(values(completion)).containsExactly("formal for Ada", "casual for Ada",
                "typed fo for argument style");
    }

    @Test
    void withoutContextTheCompletionSeesNoChosenArguments() {
        JsonNode completion = complete(prompt("greet"), "style", "", null);

        assertThat(values(completion)).containsExactly("formal for null", "casual for null",
                "typed  for argument style");
    }

    @Test
    void aTemplateVariableIsCompleted() {
        JsonNode completion = complete(template("docs://{folder}/{name}"), "folder", "re", null);

        assertThat(values(completion)).containsExactly("readme", "recipes");
        assertThat(completion.path("total").asInt()).isEqualTo(2);
        assertThat(completion.path("hasMore").asBoolean()).isFalse();
    }

    @Test
    void aTemplateVariableCompletionSeesTheOtherVariablesFromContext() {
        assertThat(values(complete(template("docs://{folder}/{name}"), "name", "", Map.of("folder", "guide"))))
            .containsExactly("intro", "setup");
        assertThat(values(complete(template("docs://{folder}/{name}"), "name", "", Map.of("folder", "readme"))))
            .containsExactly("index");
    }

    @Test
    void moreThanAHundredSuggestionsAreCutToTheFirstHundredWithTotalAndHasMore() {
        JsonNode completion = complete(prompt("translate"), "language", "", null);

        assertThat(values(completion)).hasSize(100)
            .isEqualTo(RegistryFixtures.LANGUAGES.subList(0, 100));
        assertThat(completion.path("total").asInt()).isEqualTo(150);
        assertThat(completion.path("hasMore").asBoolean()).isTrue();
    }

    @Test
    void exactlyAHundredSuggestionsHaveNoMore() {
        // lang-000 .. lang-099
        JsonNode completion = complete(prompt("translate"), "language", "lang-0", null);

        assertThat(values(completion)).hasSize(100);
        assertThat(completion.path("total").asInt()).isEqualTo(100);
        assertThat(completion.path("hasMore").asBoolean()).isFalse();
    }

    @Test
    void aKnownPromptWithoutCompletionForTheArgumentGetsNoValues() {
        JsonNode completion = complete(prompt("review"), "code", "x", null);

        assertThat(completion.path("values").isArray()).as("values is an array: %s", completion).isTrue();
        assertThat(completion.path("values").size()).isZero();
        assertThat(completion.path("hasMore").asBoolean(false)).isFalse();
    }

    @Test
    void aKnownTemplateWithoutCompletionForTheVariableGetsNoValues() {
        JsonNode completion = complete(template("logs://{date}{?level}"), "date", "2026", null);

        assertThat(completion.path("values").isArray()).isTrue();
        assertThat(completion.path("values").size()).isZero();
    }

    @Test
    void anUnknownPromptIsInvalidParams() {
        JsonNode error = rpcError(request(prompt("no-such-prompt"), "x", "", null), ErrorCodes.INVALID_PARAMS);

        assertThat(error.path("message").asString()).contains("no-such-prompt");
    }

    @Test
    void anUnknownTemplateIsInvalidParams() {
        JsonNode error = rpcError(request(template("nope://{x}"), "x", "", null), ErrorCodes.INVALID_PARAMS);

        assertThat(error.path("message").asString()).contains("nope://{x}");
    }

    @Test
    void anUnknownReferenceTypeOrAMissingArgumentIsInvalidParams() {
        rpcError(request(Map.of("type", "ref/tool", "name", "echo"), "text", "", null), ErrorCodes.INVALID_PARAMS);
        rpcError(client.request("completion/complete", Map.of("ref", prompt("greet"))), ErrorCodes.INVALID_PARAMS);
    }

    private static Map<String, Object> prompt(String name) {
        return Map.of("type", "ref/prompt", "name", name);
    }

    private static Map<String, Object> template(String uriTemplate) {
        return Map.of("type", "ref/resource", "uri", uriTemplate);
    }

    private McpResponse request(Map<String, Object> ref, String argument, String value,
            Map<String, String> context) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ref", ref);
        params.put("argument", Map.of("name", argument, "value", value));
        if (context != null) {
            params.put("context", Map.of("arguments", context));
        }
        return client.request("completion/complete", params);
    }

    private JsonNode complete(Map<String, Object> ref, String argument, String value, Map<String, String> context) {
        return request(ref, argument, value, context).result().path("completion");
    }

    private static List<String> values(JsonNode completion) {
        List<String> values = new ArrayList<>();
        completion.path("values").forEach(value -> values.add(value.asString()));
        return values;
    }
}
