package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** {@code mcp.server.session.max-sessions}: an initialize beyond the limit is answered 503 with Retry-After. */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.server.session.max-sessions=2")
class SessionLimitHttpTests extends HttpTestSupport {

    @Autowired
    SessionManager sessions;

    final List<McpTestClient> clients = new ArrayList<>();

    @AfterEach
    void deleteSessions() {
        clients.stream().filter(c -> c.sessionId() != null).forEach(McpTestClient::deleteSession);
        assertThat(sessions.sessionCount()).isZero();
    }

    @Test
    void aThirdSessionIsRefusedWith503AndRetryAfter() {
        open().connect();
        open().connect();

        McpResponse third = open().initialize();

        JsonNode error = assertError(third, 503, ErrorCodes.INTERNAL_ERROR);
        assertThat(error.path("message").asString()).contains("limit of 2").contains("retry");
        assertThat(third.header("Retry-After")).hasValueSatisfying(
                value -> assertThat(Integer.parseInt(value)).isPositive());
        assertThat(third.sessionId()).isEmpty();
        assertThat(sessions.sessionCount()).isEqualTo(2);
    }

    @Test
    void aSlotFreedByDeleteCanBeUsedAgain() {
        McpTestClient first = open();
        first.connect();
        open().connect();
        assertThat(open().initialize().status()).isEqualTo(503);

        assertThat(first.deleteSession().status()).isEqualTo(200);
        first.resetSession();

        McpTestClient next = open();
        assertThat(next.initialize().status()).isEqualTo(200);
        assertThat(next.ping().status()).isEqualTo(200);
    }

    @Test
    void existingSessionsKeepWorkingAtTheLimit() {
        McpTestClient first = open();
        first.connect();
        McpTestClient second = open();
        second.connect();
        assertThat(open().initialize().status()).isEqualTo(503);

        assertThat(text(first.callTool("echo", Map.of("text", "one")).result())).isEqualTo("one");
        assertThat(text(second.callTool("echo", Map.of("text", "two")).result())).isEqualTo("two");
    }

    @Test
    void failedInitializesDoNotUseUpSlots() {
        for (int i = 0; i < 3; i++) {
            McpTestClient failing = open();
            McpResponse response = failing.post(failing.message(1, "initialize", Map.of("capabilities", Map.of())))
                .send();
            assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        }

        assertThat(sessions.sessionCount()).isZero();
        open().connect();
        open().connect();
    }

    private McpTestClient open() {
        McpTestClient client = client();
        clients.add(client);
        return client;
    }
}
