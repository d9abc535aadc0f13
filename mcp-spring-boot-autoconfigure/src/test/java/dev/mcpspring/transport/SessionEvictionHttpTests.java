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
import dev.mcpspring.testclient.SseSubscription;

/**
 * {@code mcp.server.session.evict-idle-on-limit=true}: at the session limit the least recently active idle session
 * makes room; when no session is idle the new one is still refused 503 with Retry-After.
 */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.session.max-sessions=2", "mcp.server.session.evict-idle-on-limit=true" })
class SessionEvictionHttpTests extends HttpTestSupport {

    @Autowired
    SessionManager sessions;

    final List<McpTestClient> clients = new ArrayList<>();

    @AfterEach
    void deleteSessions() {
        clients.stream().filter(c -> c.sessionId() != null).forEach(McpTestClient::deleteSession);
    }

    @Test
    void theLeastRecentlyActiveIdleSessionIsEvicted() throws InterruptedException {
        McpTestClient first = open();
        first.connect();
        McpTestClient second = open();
        second.connect();
        Thread.sleep(5);
        assertThat(text(first.callTool("echo", Map.of("text", "recent")).result())).isEqualTo("recent");

        McpTestClient third = open();
        assertThat(third.connect().status()).isEqualTo(200);

        assertThat(sessions.sessionCount()).isEqualTo(2);
        assertError(second.ping(), 404, StreamableHttpServlet.SESSION_NOT_FOUND);
        assertThat(first.ping().status()).isEqualTo(200);
        assertThat(third.ping().status()).isEqualTo(200);
    }

    @Test
    void sessionsWithAnOpenStreamAreNotIdleSo503WithRetryAfter() {
        McpTestClient first = open();
        first.connect();
        McpTestClient second = open();
        second.connect();
        try (SseSubscription a = first.openStream(); SseSubscription b = second.openStream()) {
            McpResponse refused = open().initialize();

            assertThat(refused.sessionId()).isEmpty();
            assertError(refused, 503, ErrorCodes.INTERNAL_ERROR);
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(first.ping().status()).isEqualTo(200);
            assertThat(second.ping().status()).isEqualTo(200);
        }
    }

    @Test
    void aFloodOfInitializesNeverExceedsTheLimitAndTheNewestSessionsWork() {
        for (int i = 0; i < 50; i++) {
            assertThat(open().connect().status()).isEqualTo(200);
            assertThat(sessions.sessionCount()).isLessThanOrEqualTo(2);
        }
        assertThat(clients.get(clients.size() - 1).ping().status()).isEqualTo(200);
        assertThat(clients.get(clients.size() - 2).ping().status()).isEqualTo(200);
        assertThat(clients.get(0).ping().status()).isEqualTo(404);
    }

    private McpTestClient open() {
        McpTestClient client = client();
        clients.add(client);
        return client;
    }
}
