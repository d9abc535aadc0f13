package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** Cursor pagination of every list method with {@code mcp.server.page-size=2}. */
@RegistryHttpTest
class PaginationHttpTests extends RegistryHttpTestSupport {

    @AfterEach
    void removeRuntimeItems() {
        resources.remove("aaa://first");
        resources.remove("zzz://last");
        prompts.remove("greet-again");
    }

    static Stream<Arguments> listMethods() {
        return Stream.of(
                Arguments.of("resources/list", "resources", "uri", RegistryFixtures.RESOURCE_URIS),
                Arguments.of("resources/templates/list", "resourceTemplates", "uriTemplate",
                        RegistryFixtures.TEMPLATES),
                Arguments.of("prompts/list", "prompts", "name", RegistryFixtures.PROMPTS),
                Arguments.of("tools/list", "tools", "name", RegistryFixtures.TOOLS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listMethods")
    void pagesOfTwoChainByNextCursorInKeyOrder(String method, String items, String key, List<String> expected) {
        McpTestClient client = connected();

        JsonNode first = list(client, method, null).result();
        assertThat(keys(first, items, key)).isEqualTo(expected.subList(0, 2));
        assertThat(first.path("nextCursor").asString()).isNotBlank();

        JsonNode second = list(client, method, first.path("nextCursor").asString()).result();
        assertThat(keys(second, items, key)).isEqualTo(expected.subList(2, Math.min(4, expected.size())));

        if (expected.size() > 4) {
            assertThat(second.path("nextCursor").asString()).isNotBlank()
                .isNotEqualTo(first.path("nextCursor").asString());
            JsonNode third = list(client, method, second.path("nextCursor").asString()).result();
            assertThat(keys(third, items, key)).isEqualTo(expected.subList(4, expected.size()));
            assertThat(third.has("nextCursor")).as("the last page has no nextCursor: %s", third).isFalse();
        }
        else {
            assertThat(second.has("nextCursor")).as("the last page has no nextCursor: %s", second).isFalse();
        }
        assertThat(walk(client, method, items, key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listMethods")
    void listedItemsCarryTheirDefinitions(String method, String items, String key, List<String> expected) {
        JsonNode item = list(connected(), method, null).result().path(items).get(0);

        assertThat(item.path("name").asString()).isNotBlank();
        assertThat(item.path("description").asString()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listMethods")
    void anInvalidCursorIsInvalidParams(String method, String items, String key, List<String> expected) {
        McpTestClient client = connected();

        JsonNode notBase64 = rpcError(list(client, method, "not a cursor!"), ErrorCodes.INVALID_PARAMS);
        assertThat(notBase64.path("message").asString()).contains("cursor");

        // valid base64, but not something this server made
        rpcError(list(client, method, "aGVsbG8"), ErrorCodes.INVALID_PARAMS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listMethods")
    void aCursorIsValidInAnotherSession(String method, String items, String key, List<String> expected) {
        String cursor = list(connected(), method, null).result().path("nextCursor").asString();

        assertThat(keys(list(connected(), method, cursor).result(), items, key))
            .isEqualTo(expected.subList(2, Math.min(4, expected.size())));
    }

    @Test
    void aCursorStaysValidWhenItemsAreAddedOrRemovedBetweenPages() {
        McpTestClient client = connected();
        JsonNode first = list(client, "resources/list", null).result();
        assertThat(keys(first, "resources", "uri")).containsExactly("config://app/settings", "docs://guide/intro");

        resources.add(Specs.resource("aaa://first", "first"));   // before the cursor: not seen in this walk
        resources.add(Specs.resource("zzz://last", "last"));     // after it: seen
        assertThat(resources.remove("docs://guide/setup")).isTrue(); // the next item: skipped cleanly
        try {
            JsonNode second = list(client, "resources/list", first.path("nextCursor").asString()).result();
            assertThat(keys(second, "resources", "uri")).containsExactly("docs://readme/index", "notes://today");
            JsonNode third = list(client, "resources/list", second.path("nextCursor").asString()).result();
            assertThat(keys(third, "resources", "uri")).containsExactly("zzz://last");
            assertThat(third.has("nextCursor")).isFalse();
        }
        finally {
            resources.add(Specs.resource("docs://guide/setup", "setup"));
        }
    }

    @Test
    void aCursorNamingARemovedItemStillContinuesAfterIt() {
        McpTestClient client = connected();
        JsonNode first = list(client, "prompts/list", null).result();
        assertThat(keys(first, "prompts", "name")).containsExactly("greet", "haiku");
        var haiku = prompts.find("haiku").orElseThrow();

        assertThat(prompts.remove("haiku")).isTrue();
        prompts.add(Specs.prompt("greet-again"));
        try {
            JsonNode second = list(client, "prompts/list", first.path("nextCursor").asString()).result();
            assertThat(keys(second, "prompts", "name")).containsExactly("review", "summarize");
        }
        finally {
            prompts.add(haiku);
        }
    }

    @Test
    void noCursorAndAnEmptyParamsObjectBothGiveTheFirstPage() {
        McpTestClient client = connected();

        McpResponse withoutParams = client.request("prompts/list");

        assertThat(keys(withoutParams.result(), "prompts", "name")).containsExactly("greet", "haiku");
        assertThat(withoutParams.result().path("nextCursor").asString())
            .isEqualTo(list(client, "prompts/list", null).result().path("nextCursor").asString());
    }

    private static List<String> keys(JsonNode result, String items, String key) {
        return result.path(items).valueStream().map(item -> item.path(key).asString()).toList();
    }
}
