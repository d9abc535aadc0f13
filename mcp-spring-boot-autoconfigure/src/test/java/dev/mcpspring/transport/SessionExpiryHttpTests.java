package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;

/**
 * Idle expiry with a short {@code mcp.server.session.timeout}: a session expires once nothing has happened for
 * the timeout, but never while a request is running or a GET stream is open.
 * <p>
 * The tests watch the session through the {@link SessionManager} (looking a session up is not activity), since
 * probing it over HTTP would itself keep it alive.
 */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.session.timeout=600ms", "mcp.server.transport.keep-alive-interval=100ms" })
class SessionExpiryHttpTests extends HttpTestSupport {

    private static final long TIMEOUT_MILLIS = 600;

    @Autowired
    SessionManager sessions;

    @Test
    void anIdleSessionExpiresAndIsThen404() {
        McpTestClient client = connected();
        long idleSince = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
            .until(() -> sessions.find(client.sessionId()).isEmpty());

        // the server's idle clock started just before this client saw the response, so allow a little slack
        assertThat(elapsedMillis(idleSince)).isGreaterThanOrEqualTo(TIMEOUT_MILLIS - 50);
        assertError(client.ping(), 404, StreamableHttpServlet.SESSION_NOT_FOUND);
        assertError(client.get().send(), 404, StreamableHttpServlet.SESSION_NOT_FOUND);
        assertError(client.deleteSession(), 404, StreamableHttpServlet.SESSION_NOT_FOUND);
    }

    @Test
    void aSessionIsNotExpiredWhileASlowToolRunsLongerThanTheTimeout() throws Exception {
        McpTestClient client = connected();

        CompletableFuture<McpResponse> slow = client.requestAsync("tools/call",
                client.callToolParams("slow", Map.of("millis", 3 * TIMEOUT_MILLIS), null));
        await().during(Duration.ofMillis(2 * TIMEOUT_MILLIS)).atMost(Duration.ofSeconds(3))
            .until(() -> sessions.find(client.sessionId()).isPresent());
        McpResponse response = slow.get(10, TimeUnit.SECONDS);

        assertThat(text(response.result())).isEqualTo("slept");
        assertThat(sessions.find(client.sessionId())).as("idle time counts from the end of the call").isPresent();
        assertThat(client.ping().status()).isEqualTo(200);
    }

    @Test
    void aSessionIsNotExpiredWhileItsGetStreamIsOpen() {
        McpTestClient client = connected();
        SseSubscription stream = client.openStream();
        assertThat(stream.status()).isEqualTo(200);

        await().during(Duration.ofMillis(3 * TIMEOUT_MILLIS)).atMost(Duration.ofSeconds(4))
            .until(() -> sessions.find(client.sessionId()).isPresent());
        assertThat(stream.isClosed()).isFalse();

        long closedAt = System.nanoTime();
        stream.close();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
            .until(() -> sessions.find(client.sessionId()).isEmpty());
        assertThat(elapsedMillis(closedAt)).isGreaterThanOrEqualTo(TIMEOUT_MILLIS);
    }

    @Test
    void everyRequestRestartsTheIdleClock() {
        McpTestClient client = connected();
        long start = System.nanoTime();

        // requests every quarter timeout keep the session alive well past the timeout (the margin absorbs a
        // loaded machine's scheduling delays)
        for (int i = 0; i < 10; i++) {
            await().pollDelay(Duration.ofMillis(TIMEOUT_MILLIS / 4)).until(() -> true);
            assertThat(client.ping().status()).as("ping %d", i).isEqualTo(200);
        }

        assertThat(elapsedMillis(start)).isGreaterThan(2 * TIMEOUT_MILLIS);
    }

    @Test
    void notificationsFromTheClientAlsoCountAsActivity() {
        McpTestClient client = connected();
        long start = System.nanoTime();

        for (int i = 0; i < 10; i++) {
            await().pollDelay(Duration.ofMillis(TIMEOUT_MILLIS / 4)).until(() -> true);
            assertThat(client.notify("notifications/progress_of_the_client", Map.of("i", i)).status())
                .as("notification %d", i).isEqualTo(202);
        }

        assertThat(elapsedMillis(start)).isGreaterThan(2 * TIMEOUT_MILLIS);
        assertThat(sessions.find(client.sessionId())).as("session kept alive by notifications").isPresent();
    }

    private static long elapsedMillis(long sinceNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }
}
