package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.ListPromptsResult;
import dev.mcpspring.protocol.McpJsonMapper;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A modern result is written once, completed on the way: {@code resultType}, the server's identity in
 * {@code _meta} (merged into the result's own) and the caching hints where they apply, never inside nested objects.
 */
class ModernResultsTest {

    private static final JsonRpcCodec CODEC = new JsonRpcCodec(McpJsonMapper.create());

    private static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";

    private final ModernResults results = new ModernResults(
            CODEC.mapper().createObjectNode().put("name", "test-server").put("version", "1.0"),
            new ModernSettings.CachingHints(Duration.ofSeconds(60), "public", Duration.ofSeconds(5), "private"), CODEC);

    @Test
    void aToolResultSaysItIsCompleteAndWhoAnsweredIt() {
        JsonNode result = complete("tools/call", null, CallToolResult.text("hello"));

        assertThat(result.path("content").path(0).path("text").asString()).isEqualTo("hello");
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
        assertThat(result.path("_meta").path(SERVER_INFO).path("name").asString()).isEqualTo("test-server");
        assertThat(result.has("ttlMs")).as("no caching hints on a call").isFalse();
        assertThat(result.has("cacheScope")).isFalse();
    }

    @Test
    void theServersIdentityJoinsTheResultsOwnMeta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("custom", Map.of("_meta", Map.of("deep", true)));
        JsonNode result = complete("tools/call", null, new CallToolResult(List.of(), null, null, meta));

        assertThat(result.path("_meta").path("custom").path("_meta").path("deep").asBoolean()).isTrue();
        assertThat(result.path("_meta").path("custom").path("_meta").has(SERVER_INFO))
            .as("nested objects are left alone").isFalse();
        assertThat(result.path("_meta").path(SERVER_INFO).path("version").asString()).isEqualTo("1.0");
        assertThat(CODEC.mapper().writeValueAsString(result)).containsOnlyOnce("\"_meta\":{\"custom\"");
    }

    @Test
    void aNullMetaBecomesTheServersIdentity() {
        ObjectNode tree = CODEC.mapper().createObjectNode();
        tree.putNull("_meta");
        tree.putArray("items").addObject().put("name", "a");

        JsonNode result = complete("tools/call", null, tree);

        assertThat(result.path("_meta").path(SERVER_INFO).path("name").asString()).isEqualTo("test-server");
        assertThat(result.path("items").path(0).has("resultType")).as("only the result object is completed").isFalse();
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
    }

    @Test
    void listsCarryTheListCachingHints() {
        JsonNode result = complete("tools/list", null, Map.of("tools", List.of()));
        JsonNode record = complete("prompts/list", null, new ListPromptsResult(List.of(), "next"));

        assertThat(result.path("ttlMs").asLong()).isEqualTo(60_000);
        assertThat(result.path("cacheScope").asString()).isEqualTo("public");
        assertThat(record.path("nextCursor").asString()).isEqualTo("next");
        assertThat(record.path("ttlMs").asLong()).isEqualTo(60_000);
        assertThat(record.path("resultType").asString()).isEqualTo("complete");
    }

    /**
     * The server's own results are completed by appending to their JSON, anything else by a generator that sees
     * every member: the two must write the same.
     */
    @ParameterizedTest
    @ValueSource(strings = { "tools/call", "tools/list", "resources/read", "server/discover" })
    void aResultWithoutMetaIsCompletedAlikeEitherWay(String method) {
        CallToolResult record = new CallToolResult(List.of(Content.text("hi")), Map.of("n", 1), true, null);
        Map<String, Object> map = CODEC.mapper().convertValue(record, new TypeReference<Map<String, Object>>() {
        });

        String appended = CODEC.mapper().writeValueAsString(results.complete(request(method, null), record));
        String generated = CODEC.mapper().writeValueAsString(results.complete(request(method, null), map));

        assertThat(appended).isEqualTo(generated).contains("\"resultType\":\"complete\"");
    }

    @Test
    void aReadCarriesTheReadHintsAndARetryIsNeverReused() {
        ObjectNode retry = CODEC.mapper().createObjectNode().put("uri", "test://a");
        retry.putObject("inputResponses");

        JsonNode read = complete("resources/read", CODEC.mapper().createObjectNode().put("uri", "test://a"),
                Map.of("contents", List.of()));
        JsonNode retried = complete("resources/read", retry, Map.of("contents", List.of()));

        assertThat(read.path("ttlMs").asLong()).isEqualTo(5_000);
        assertThat(read.path("cacheScope").asString()).isEqualTo("private");
        assertThat(retried.path("ttlMs").asLong()).isZero();
        assertThat(retried.path("cacheScope").asString()).isEqualTo("private");
    }

    @Test
    void aResultThatIsNoObjectIsWrittenAsItIs() {
        assertThat(complete("tools/call", null, List.of(Map.of("a", 1)))).hasSize(1);
        assertThat(complete("tools/call", null, List.of(Map.of("a", 1))).path(0).has("resultType")).isFalse();
    }

    @Test
    void aResultThatCannotBeWrittenFailsWhenItIsCompletedNotLater() {
        Object unwritable = new Object() {
            @SuppressWarnings("unused")
            public String getValue() {
                throw new IllegalStateException("no");
            }
        };
        assertThatRuntimeException()
            .isThrownBy(() -> results.complete(request("tools/call", null), unwritable));
    }

    private JsonNode complete(String method, ObjectNode params, Object value) {
        JsonNode written = results.complete(request(method, params), value);
        return CODEC.mapper().readTree(CODEC.write(written));
    }

    private static JsonRpcMessage.Request request(String method, ObjectNode params) {
        return new JsonRpcMessage.Request(JsonNodeFactory.instance.numberNode(1), method, params);
    }
}
