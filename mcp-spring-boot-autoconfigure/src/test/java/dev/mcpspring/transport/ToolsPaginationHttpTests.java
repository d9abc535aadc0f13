package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** {@code tools/list} pages with {@code mcp.server.page-size=2} over five tools. */
@SpringBootTest(classes = { McpTestApplication.class, ToolsPaginationHttpTests.FiveTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mcp.server.page-size=2")
class ToolsPaginationHttpTests extends HttpTestSupport {

    @Test
    void pagesFollowTheNameOrderAndChainByNextCursor() {
        McpTestClient client = connected();

        McpResponse first = client.listTools(null);
        assertThat(names(first)).containsExactly("Charlie", "alpha");
        String cursor1 = first.result().path("nextCursor").asString();
        assertThat(cursor1).isNotBlank();

        McpResponse second = client.listTools(cursor1);
        assertThat(names(second)).containsExactly("bravo", "delta");
        String cursor2 = second.result().path("nextCursor").asString();
        assertThat(cursor2).isNotBlank().isNotEqualTo(cursor1);

        McpResponse third = client.listTools(cursor2);
        assertThat(names(third)).containsExactly("echo");
        assertThat(third.result().has("nextCursor")).isFalse();
    }

    @Test
    void pagesAreDeterministic() {
        McpTestClient client = connected();
        List<String> firstWalk = walk(client);
        List<String> secondWalk = walk(connected("2025-03-26"));

        assertThat(firstWalk).containsExactly("Charlie", "alpha", "bravo", "delta", "echo");
        assertThat(secondWalk).isEqualTo(firstWalk);
        assertThat(client.listTools(null).result().path("nextCursor").asString())
            .isEqualTo(client.listTools(null).result().path("nextCursor").asString());
    }

    @Test
    void aCursorFromAnotherSessionIsStillValid() {
        String cursor = connected().listTools(null).result().path("nextCursor").asString();

        assertThat(names(connected().listTools(cursor))).containsExactly("bravo", "delta");
    }

    @Test
    void anInvalidCursorIsInvalidParams() {
        McpTestClient client = connected();

        McpResponse response = client.listTools("definitely-not-a-cursor");

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains("cursor");
    }

    @Test
    void everyPageToolCanBeCalled() {
        McpTestClient client = connected();
        List<String> names = walk(client);

        assertThat(names).containsExactlyInAnyOrder("Charlie", "alpha", "bravo", "delta", "echo");
        for (String name : names) {
            assertThat(text(client.callTool(name, Map.of()).result())).isEqualTo(name);
        }
    }

    @Test
    void theCapabilityAnnouncesTools() {
        JsonNode capabilities = connected().initialize().result().path("capabilities");

        assertThat(capabilities.has("tools")).isTrue();
    }

    private static List<String> walk(McpTestClient client) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode result = client.listTools(cursor).result();
            assertThat(result.path("tools").size()).isBetween(1, 2);
            result.path("tools").forEach(tool -> names.add(tool.path("name").asString()));
            cursor = result.has("nextCursor") ? result.path("nextCursor").asString() : null;
        }
        while (cursor != null);
        return names;
    }

    private static List<String> names(McpResponse response) {
        return response.result().path("tools").valueStream().map(tool -> tool.path("name").asString()).toList();
    }

    /**
     * Five tools registered out of order, three through the registry and two as {@code ToolSpecification} beans;
     * natural String order puts upper case first.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class FiveTools {

        @Bean
        SmartInitializingSingleton threeToolsRegistration(ToolRegistry registry) {
            return () -> {
                for (String name : List.of("delta", "echo", "Charlie")) {
                    registry.add(named(name));
                }
            };
        }

        @Bean
        ToolSpecification bravoTool() {
            return named("bravo");
        }

        @Bean
        ToolSpecification alphaTool() {
            return named("alpha");
        }

        private static ToolSpecification named(String name) {
            return TestTools.tool(name, "Tool " + name, TestTools.schema(null, null, false),
                    invocation -> CallToolResult.text(name));
        }
    }
}
