package dev.mcpspring.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.autoconfigure.McpGracefulShutdown;
import dev.mcpspring.modern.ModernClient;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;

/**
 * Graceful shutdown ({@code server.shutdown=graceful}) over real HTTP: each test starts an application of its
 * own and closes it while clients are connected.
 */
class GracefulShutdownHttpTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Longer than any test waits, so that reaching it would show. */
    private static final Duration GRACE = Duration.ofSeconds(20);

    private ConfigurableApplicationContext context;

    private CompletableFuture<Long> closing;

    @AfterEach
    void closeContext() {
        Gate.releaseAll();
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aToolCallInFlightFinishesAndItsResponseArrives() throws Exception {
        McpTestClient client = connect(Map.of());
        try (OpenRequest call = client.startToolCall("hold", Map.of("key", "slow"))) {
            Gate.awaitStarted("slow");

            shutDownInBackground();
            awaitShuttingDown();
            assertThat(closing).as("shutdown waits for the call").isNotDone();

            Gate.release("slow");
            assertThat(call.result(WAIT).path("content").path(0).path("text").asString()).isEqualTo("finished slow");
        }
        assertThat(closing.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isLessThan(GRACE.toMillis());
    }

    @Test
    void aToolWaitingOnTheClientIsCancelledAndTheClientGetsNotificationsCancelledThenTheResult() throws Exception {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        try (OpenRequest call = client.startToolCall("askModel", Map.of())) {
            JsonNode sampling = call.nextRequest("sampling/createMessage", WAIT);

            shutDownInBackground();

            JsonNode cancelled = call.nextNotification("notifications/cancelled", WAIT);
            assertThat(cancelled.path("params").path("requestId")).isEqualTo(sampling.get("id"));
            assertThat(cancelled.path("params").path("reason").asString()).isEqualTo("the server is shutting down");
            JsonNode result = call.result(WAIT);
            assertThat(result.path("content").path(0).path("text").asString())
                .startsWith("cancelled: " + McpRequestCancelledException.class.getSimpleName())
                .contains("the server is shutting down");
            assertThat(call.awaitEnd(WAIT)).as("the request's stream ends").isTrue();
        }
        assertThat(closing.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isLessThan(GRACE.toMillis());
    }

    @Test
    void anOpenStandaloneStreamEndsAndShutdownDoesNotWaitForIt() throws Exception {
        McpTestClient client = connect(Map.of());
        try (SseSubscription stream = client.openStream()) {
            assertThat(stream.status()).isEqualTo(200);
            stream.nextEvent(WAIT); // the priming event: the stream is attached

            shutDownInBackground();

            assertThat(stream.awaitClosed(WAIT)).as("the GET stream ends").isTrue();
            assertThat(stream.events()).as("nothing but the priming event")
                .allMatch(event -> event.data() == null || event.data().isEmpty());
        }
        assertThat(closing.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("well under the grace period")
            .isLessThan(5_000);
    }

    @Test
    void anOpenSubscriptionEndsWithAResultAnsweringItsListenRequest() throws Exception {
        ModernClient modern = new ModernClient(start());
        try (OpenRequest listen = modern.start("subscriptions/listen", modern.params(Map.of("notifications",
                Map.of("toolsListChanged", true))))) {
            assertThat(listen.nextMessage(WAIT).path("method").asString())
                .isEqualTo("notifications/subscriptions/acknowledged");

            shutDownInBackground();

            JsonNode result = listen.result(WAIT);
            assertThat(result.path("resultType").asString()).isEqualTo("complete");
            assertThat(result.path("_meta").path("io.modelcontextprotocol/subscriptionId").asLong())
                .isEqualTo(listen.id().asLong());
            assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").isString())
                .as("the server's identity, as on every result").isTrue();
            assertThat(listen.awaitEnd(WAIT)).as("the stream ends").isTrue();
        }
        assertThat(closing.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isLessThan(5_000);
    }

    @Test
    void anInitializeDuringShutdownIsRefusedWith503AndRetryAfter() throws Exception {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        try (OpenRequest call = client.startToolCall("hold", Map.of("key", "keeps-it-busy"))) {
            Gate.awaitStarted("keeps-it-busy");
            shutDownInBackground();
            awaitShuttingDown();

            McpResponse refused = client.newClient().initialize();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).hasValue("5");
            assertThat(refused.json().path("error").path("message").asString())
                .contains("the server is shutting down");

            McpResponse newStream = client.get().send();
            assertThat(newStream.status()).as("no new standalone stream either").isEqualTo(503);
            assertThat(client.ping().result().isObject()).as("the session itself is still served").isTrue();
            assertThat(client.callTool("askModel", Map.of()).result().path("content").path(0).path("text").asString())
                .as("a new call to the client is refused at once")
                .isEqualTo("cancelled: McpRequestCancelledException: Cannot send sampling/createMessage to the "
                        + "client: the server is shutting down");

            Gate.release("keeps-it-busy");
            assertThat(call.result(WAIT).path("content").path(0).path("text").asString())
                .isEqualTo("finished keeps-it-busy");
        }
        closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void shutdownWithIdleSessionsIsQuick() throws Exception {
        McpTestClient first = connect(Map.of());
        McpTestClient second = first.newClient();
        second.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION);
        try (SseSubscription stream = second.openStream()) {
            stream.nextEvent(WAIT);
            shutDownInBackground();
            assertThat(closing.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isLessThan(5_000);
        }
    }

    @Test
    void afterTheGracePeriodTheSessionIsClosedAndARequestStillRunningIsCancelled() throws Exception {
        McpTestClient client = start(Duration.ofMillis(500));
        client.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION, Map.of());
        try (OpenRequest call = client.startToolCall("hold", Map.of("key", "too-slow"))) {
            Gate.awaitStarted("too-slow");
            SessionManager sessions = context.getBean(SessionManager.class);
            shutDownInBackground();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sessions.sessionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // past the grace period the session is closed, while the tool still runs
            }
            assertThat(sessions.sessionCount()).isZero();

            Gate.release("too-slow");
            JsonNode error = call.error(WAIT);
            assertThat(error.path("code").asInt()).isEqualTo(-32800);
            assertThat(call.awaitEnd(WAIT)).isTrue();
        }
        closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void afterTheGracePeriodARequestWhoseToolGoesOnIsAnsweredAtOnceAndTheShutdownEnds() throws Exception {
        McpTestClient client = start(Duration.ofMillis(500));
        client.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION, Map.of());
        ModernClient modern = new ModernClient(client);
        try (OpenRequest legacyCall = client.startToolCall("holdOn", Map.of("key", "legacy"));
                OpenRequest modernCall = modern.start("tools/call",
                        modern.params(Map.of("name", "holdOn", "arguments", Map.of("key", "modern"))))) {
            Gate.awaitStarted("legacy");
            Gate.awaitStarted("modern");
            shutDownInBackground();

            // the tools ignore their cancellation and wait on, for longer than this test waits
            assertThat(legacyCall.error(WAIT).path("message").asString())
                .isEqualTo("Request cancelled: the session was closed");
            assertThat(modernCall.error(WAIT).path("message").asString())
                .isEqualTo("Request cancelled: " + dev.mcpspring.server.internal.McpServer.SHUTTING_DOWN);
            assertThat(legacyCall.awaitEnd(WAIT)).isTrue();
            assertThat(modernCall.awaitEnd(WAIT)).isTrue();
            assertThat(closing.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isLessThan(WAIT.toMillis());
        }
    }

    @Test
    void theGracePeriodEndsWithinTheShutdownPhaseLeavingTimeToCloseTheSessions() {
        start();
        assertThat(context.getBean(McpGracefulShutdown.class).gracePeriod()).as("a phase of %s", GRACE)
            .isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void withImmediateShutdownThereIsNoGracePeriod() {
        context = new SpringApplicationBuilder(ShutdownTestApplication.class)
            .properties("server.port=0", "server.shutdown=immediate")
            .run();
        assertThat(context.getBean(McpGracefulShutdown.class).gracePeriod()).isZero();
    }

    private McpTestClient connect(Map<String, ?> capabilities) {
        McpTestClient client = start();
        client.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION, capabilities);
        return client;
    }

    private McpTestClient start() {
        return start(GRACE);
    }

    private McpTestClient start(Duration grace) {
        context = new SpringApplicationBuilder(ShutdownTestApplication.class)
            .properties("server.port=0", "server.shutdown=graceful",
                    "spring.lifecycle.timeout-per-shutdown-phase=" + grace.toMillis() + "ms")
            .run();
        int port = Integer.parseInt(Objects.requireNonNull(context.getEnvironment().getProperty("local.server.port")));
        return McpTestClient.create(port);
    }

    /** Closes the context on another thread; the future is how long it took, in milliseconds. */
    private void shutDownInBackground() {
        ConfigurableApplicationContext closed = context;
        context = null;
        // a thread of its own: close() blocks until the shutdown ends, and on the common pool (one worker on a
        // 2-CPU machine) it would starve everything else that runs there, the JDK 21+ HTTP client included
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread closer = new Thread(() -> {
            long start = System.nanoTime();
            try {
                closed.close();
                result.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            catch (RuntimeException ex) {
                result.completeExceptionally(ex);
            }
        }, "test-context-close");
        closer.setDaemon(true);
        closer.start();
        closing = result;
    }

    /** Waits until the server refuses new sessions. */
    private void awaitShuttingDown() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !ShutdownTools.server().isShuttingDown()) {
            Thread.sleep(10);
        }
        assertThat(ShutdownTools.server().isShuttingDown()).isTrue();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    // without Spring Security's web auto-configuration, on this module's test class path for the security tests
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
    @Import(ShutdownTools.class)
    static class ShutdownTestApplication {
    }

    /** Tools that wait: on the test ({@code hold}), or on the client ({@code askModel}). */
    @Component
    static class ShutdownTools {

        private static volatile dev.mcpspring.server.internal.McpServer server;

        ShutdownTools(dev.mcpspring.server.internal.McpServer mcpServer) {
            server = mcpServer;
        }

        static dev.mcpspring.server.internal.McpServer server() {
            return server;
        }

        @McpTool(description = "Waits until the test releases it")
        String hold(@McpToolParam(description = "key") String key) throws InterruptedException {
            Gate.started(key);
            Gate.await(key, GRACE);
            return "finished " + key;
        }

        @McpTool(description = "Waits until the test releases it, whatever happens to its request")
        String holdOn(@McpToolParam(description = "key") String key, PeerHandle peer) {
            Gate.started(key);
            Gate.awaitIgnoringInterrupts(key, GRACE);
            return "finished " + key;
        }

        @McpTool(description = "Asks the client's model")
        String askModel(PeerHandle peer) {
            try {
                return "answered: " + peer.sampleText("hello", 10);
            }
            catch (McpRequestCancelledException ex) {
                return "cancelled: " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
            }
        }
    }

    /** Latches by key: a tool says it started, the test lets it finish. */
    static final class Gate {

        private static final Map<String, CountDownLatch> STARTED = new ConcurrentHashMap<>();

        private static final Map<String, CountDownLatch> RELEASED = new ConcurrentHashMap<>();

        static void started(String key) {
            latch(STARTED, key).countDown();
        }

        static void awaitStarted(String key) throws InterruptedException {
            assertThat(latch(STARTED, key).await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("%s started", key).isTrue();
        }

        static void await(String key, Duration timeout) throws InterruptedException {
            latch(RELEASED, key).await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        static void awaitIgnoringInterrupts(String key, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (latch(RELEASED, key).await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                }
                catch (InterruptedException ex) {
                    // a tool that does not heed its cancellation
                }
            }
        }

        static void release(String key) {
            latch(RELEASED, key).countDown();
        }

        static void releaseAll() {
            RELEASED.values().forEach(CountDownLatch::countDown);
            STARTED.clear();
            RELEASED.clear();
        }

        private static CountDownLatch latch(Map<String, CountDownLatch> latches, String key) {
            return latches.computeIfAbsent(key, k -> new CountDownLatch(1));
        }
    }
}
