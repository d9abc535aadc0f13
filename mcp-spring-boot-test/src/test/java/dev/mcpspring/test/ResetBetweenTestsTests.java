package dev.mcpspring.test;

import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.test.app.KitTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/** What one test sets on the shared client is gone in the next. */
@SpringBootTest(classes = KitTestApplication.class)
@AutoConfigureMcpTestClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetBetweenTestsTests {

    private static String firstSession;

    @Autowired
    McpTestClient mcp;

    @Test
    @Order(1)
    void aTestScriptsAnswersAndChangesSettings() {
        mcp.onSampling("scripted").logLevel(LoggingLevel.ERROR).header("X-Test", "1");
        assertThat(mcp.callTool("countdown", Map.of("from", 1)).logs()).as("info is below error").isEmpty();
        firstSession = mcp.sessionId();
        mcp.protocolVersion("2026-07-28");

        assertThat(mcp.notifications()).isNotEmpty();
    }

    @Test
    @Order(2)
    void theNextStartsAfresh() {
        assertThat(mcp.protocolVersion()).isEqualTo(McpTestClient.DEFAULT_PROTOCOL_VERSION);
        assertThat(mcp.notifications()).isEmpty();
        assertThat(mcp.callTool("support")).structuredContent().isLenientlyEqualTo("{\"sampling\":false}");
        assertThat(mcp.sessionId()).isNotNull().isNotEqualTo(firstSession);
        assertThat(mcp.callTool("countdown", Map.of("from", 1)).logs()).as("the server's default level again")
            .isNotEmpty();
    }
}
