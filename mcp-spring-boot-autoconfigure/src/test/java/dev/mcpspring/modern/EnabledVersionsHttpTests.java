package dev.mcpspring.modern;

import static dev.mcpspring.modern.ModernProtocolHttpTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** {@code mcp.server.protocol-versions}: the endpoint speaks the enabled revisions only, and says which. */
class EnabledVersionsHttpTests {

    @Test
    void aModernOnlyServerRefusesInitializeNamingItsVersions() {
        try (ConfigurableApplicationContext context = start("mcp.server.protocol-versions=2026-07-28")) {
            McpTestClient legacy = McpTestClient.create(port(context)).protocolVersion(null);
            McpResponse refused = legacy.initialize("2025-11-25");

            JsonNode error = assertError(refused, 400, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, "2026-07-28");
            assertThat(error.path("data").path("supported").values()).extracting(JsonNode::asString)
                .containsExactly("2026-07-28");
            assertThat(new ModernClient(port(context)).callTool("echo", Map.of("text", "hi")).status()).isEqualTo(200);
        }
    }

    @Test
    void aLegacyOnlyServerRefusesModernRequestsNamingItsVersions() {
        try (ConfigurableApplicationContext context = start("mcp.server.protocol-versions=2025-06-18,2025-11-25")) {
            McpResponse refused = new ModernClient(port(context)).discover();

            JsonNode error = assertError(refused, 400, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, "2026-07-28");
            assertThat(error.path("data").path("supported").values()).extracting(JsonNode::asString)
                .containsExactly("2025-11-25", "2025-06-18");
            McpTestClient legacy = McpTestClient.create(port(context));
            assertThat(legacy.initialize("2025-03-26").result().path("protocolVersion").asString())
                .isEqualTo("2025-11-25");
        }
    }

    @Test
    void anUnknownVersionStopsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> start("mcp.server.protocol-versions=2025-11-25,2024-11-05"))
            .hasStackTraceContaining("Unknown MCP protocol version '2024-11-05'");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(ModernTestApplication.class, ModernTools.class)
            .properties("server.port=0")
            .properties(properties)
            .run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
