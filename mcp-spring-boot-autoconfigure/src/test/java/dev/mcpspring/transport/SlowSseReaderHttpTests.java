package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Clients that stop reading their SSE stream (a tiny socket receive buffer, never read) while the server pushes
 * megabytes at them: the senders never block, everyone else is served, the stuck connection is dropped once its
 * bounded output queue ({@code mcp.server.sse.max-buffered-size}) overflows, every event stays replayable with
 * {@code Last-Event-ID}, and the heap does not keep what the stuck client did not read.
 */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class, SlowSseReaderHttpTests.FloodTool.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.sse.max-buffered-size=1MB", "mcp.server.sse.event-store.max-events-per-stream=1000",
                "mcp.server.transport.keep-alive-interval=0" })
class SlowSseReaderHttpTests extends HttpTestSupport {

    static final int EVENTS = 400;

    static final int PAYLOAD = 64 * 1024;

    @Autowired
    SessionManager sessions;

    @Autowired
    JsonRpcCodec codec;

    @Test
    void aStuckGetStreamIsDisconnectedWithoutBlockingAnyoneAndCanBeResumed() throws Exception {
        McpTestClient client = connected();
        long baseline = usedHeapAfterGc();

        try (StuckSseReader stuck = StuckSseReader.get(port, client.sessionId(), client.protocolVersion())) {
            String primingId = stuck.firstEventId();

            // the client now stops reading while the server pushes about 25 MB at it
            JsonNode params = codec.mapper().valueToTree(Map.of("level", "info", "data", "x".repeat(PAYLOAD)));
            JsonRpcMessage.Notification big = new JsonRpcMessage.Notification("notifications/message", params);
            CompletableFuture<McpTestClient> other = CompletableFuture.supplyAsync(this::connected);
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                assertThat(sessions.sendToSession(client.sessionId(), big)).isTrue();
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("the sender never blocks on the stuck client").isLessThan(10_000);

            McpTestClient another = other.get(10, TimeUnit.SECONDS);
            assertThat(text(another.callTool("echo", Map.of("text", "hi")).result())).isEqualTo("hi");
            assertThat(client.ping().status()).isEqualTo(200);

            // the stuck connection no longer carries the stream: a new GET is no conflict
            try (SseSubscription fresh = client.openStream()) {
                assertThat(fresh.status()).as("GET after the stuck one was dropped").isEqualTo(200);
            }
            // and a resumption from the priming event replays every event
            try (SseSubscription resumed = client.get().header("Last-Event-ID", primingId).openStream()) {
                assertThat(resumed.status()).isEqualTo(200);
                for (int i = 0; i < EVENTS; i++) {
                    JsonNode message = resumed.nextMessage(Duration.ofSeconds(10));
                    assertThat(message.path("method").asString()).isEqualTo("notifications/message");
                    assertThat(message.path("params").path("data").asString()).hasSize(PAYLOAD);
                }
            }

            // the event store keeps the events (a 64 KB string each); the stuck connection holds no more than its
            // bounded queue on top
            long during = usedHeapAfterGc();
            assertThat(during - baseline).as("heap growth while the client is stuck")
                .isLessThan((long) EVENTS * PAYLOAD + 16L * 1024 * 1024);

            assertThat(stuck.readsToEnd(15_000)).as("the stuck connection ended").isTrue();
        }

        client.deleteSession();
        long after = usedHeapAfterGc();
        assertThat(after - baseline).as("heap back near baseline (used %d -> %d)", baseline, after)
            .isLessThan(24L * 1024 * 1024);
    }

    @Test
    void aToolStreamingToAStuckClientFinishesAndItsResponseCanBeCollected() throws Exception {
        McpTestClient client = connected();
        FloodTool.finished = new CountDownLatch(1);
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"flood\","
                + "\"arguments\":{},\"_meta\":{\"progressToken\":\"p\"}}}";
        try (StuckSseReader stuck = StuckSseReader.post(port, client.sessionId(), client.protocolVersion(), body)) {
            String primingId = stuck.firstEventId();

            assertThat(FloodTool.finished.await(10, TimeUnit.SECONDS))
                .as("the tool sent %d large notifications to a client that reads nothing, without blocking", EVENTS)
                .isTrue();
            assertThat(text(client.callTool("echo", Map.of("text", "still here")).result())).isEqualTo("still here");

            try (SseSubscription resumed = client.get().header("Last-Event-ID", primingId).openStream()) {
                assertThat(resumed.status()).isEqualTo(200);
                for (int i = 1; i <= EVENTS; i++) {
                    JsonNode message = resumed.nextMessage(Duration.ofSeconds(10));
                    assertThat(message.path("method").asString()).isEqualTo("notifications/progress");
                    assertThat(message.path("params").path("progress").asInt()).isEqualTo(i);
                }
                JsonNode response = resumed.nextMessage(Duration.ofSeconds(10));
                assertThat(response.path("id").asInt()).isEqualTo(7);
                assertThat(response.path("result").path("content").path(0).path("text").asString())
                    .isEqualTo("flooded");
                assertThat(resumed.awaitClosed(Duration.ofSeconds(5))).as("the resumed stream ends after it").isTrue();
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** {@code flood}: {@value #EVENTS} progress notifications with a 64 KB message each, then "flooded". */
    @TestConfiguration(proxyBeanMethods = false)
    static class FloodTool {

        static volatile CountDownLatch finished = new CountDownLatch(1);

        @Bean
        SmartInitializingSingleton floodToolRegistration(ToolRegistry registry) {
            return () -> registry.add(TestTools.tool("flood", "Sends large progress notifications",
                    JsonNodeFactory.instance.objectNode().put("type", "object"), invocation -> {
                        String message = "y".repeat(PAYLOAD);
                        for (int step = 1; step <= EVENTS; step++) {
                            invocation.context().peer().progress(step, (double) EVENTS, message);
                        }
                        finished.countDown();
                        return CallToolResult.text("flooded");
                    }));
        }
    }
}
