package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;

/**
 * A client that stops reading its SSE stream (tiny socket receive buffer, never reads) while the server pushes
 * many large notifications: producers never block, other clients are served, the stuck connection is dropped from
 * the stream once its bounded output buffer (mcp.server.sse.max-buffered-*) overflows, the events stay replayable
 * with Last-Event-ID, and the heap does not keep what the stuck client did not read.
 */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.sse.max-buffered-events=32", "mcp.server.sse.max-buffered-bytes=1MB",
                "mcp.server.sse.event-store.max-events-per-stream=1000", "mcp.server.transport.keep-alive-interval=0" })
class SlowSseReaderHttpTests extends HttpTestSupport {

    static final int EVENTS = 400;

    static final int PAYLOAD = 64 * 1024;

    @Autowired
    SessionManager sessions;

    @Autowired
    JsonRpcCodec codec;

    @Test
    void aStuckReaderIsDisconnectedWithoutBlockingAnyoneAndCanResume() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        McpTestClient client = connected();
        long baseline = usedAfterGc(memory);

        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("localhost", port), 5000);
            stuck.setSoTimeout(5000);
            stuck.getOutputStream().write(("GET /mcp HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + client.sessionId()
                    + "\r\nMCP-Protocol-Version: " + client.protocolVersion() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            String head = readUntil(stuck.getInputStream(), Pattern.compile("id: (\\S+)\n"));
            assertThat(head).startsWith("HTTP/1.1 200");
            Matcher priming = Pattern.compile("id: (\\S+)\n").matcher(head);
            assertThat(priming.find()).isTrue();
            String primingId = priming.group(1);

            // the client now stops reading; the server pushes ~25 MB at it
            JsonNode params = codec.mapper().valueToTree(Map.of("level", "info", "data", "x".repeat(PAYLOAD)));
            JsonRpcMessage.Notification big = new JsonRpcMessage.Notification("notifications/message", params);
            CompletableFuture<McpTestClient> other = CompletableFuture.supplyAsync(this::connected);
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                assertThat(sessions.sendToSession(client.sessionId(), big)).isTrue();
            }
            long pushMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(pushMillis).as("producers never block on the stuck client").isLessThan(10_000);

            // everyone else is served meanwhile
            McpTestClient another = other.get(10, TimeUnit.SECONDS);
            assertThat(text(another.callTool("echo", Map.of("text", "hi")).result())).isEqualTo("hi");
            assertThat(client.ping().status()).isEqualTo(200);

            // the stuck connection no longer carries the stream: a resumption takes over and replays everything
            try (SseSubscription resumed = client.get().header("Last-Event-ID", primingId).openStream()) {
                assertThat(resumed.status()).isEqualTo(200);
                for (int i = 0; i < EVENTS; i++) {
                    JsonNode message = resumed.nextMessage(Duration.ofSeconds(10));
                    assertThat(message.path("method").asString()).isEqualTo("notifications/message");
                    assertThat(message.path("params").path("data").asString()).hasSize(PAYLOAD);
                }
            }

            // while it sits there, the stuck connection holds at most its bounded buffer, not all 25 MB
            long during = usedAfterGc(memory);
            long stored = (long) EVENTS * PAYLOAD * 3; // the event store keeps them (as trees) for resumption
            assertThat(during - baseline).as("heap growth while stuck").isLessThan(stored + 16L * 1024 * 1024);

            // once the client reads again, it gets what was in flight and then the end of the response
            stuck.setSoTimeout(15_000);
            assertThat(drainsToEnd(stuck.getInputStream())).as("stuck connection ended").isTrue();
        }

        client.deleteSession();
        long after = usedAfterGc(memory);
        assertThat(after - baseline).as("heap back near baseline (used %d -> %d)", baseline, after)
            .isLessThan(24L * 1024 * 1024);
    }

    private static String readUntil(InputStream in, Pattern pattern) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!pattern.matcher(seen.toString(StandardCharsets.UTF_8)).find()) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            seen.write(buffer, 0, n);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    /** Reads until the chunked response ends (its last chunk) or the server closes the connection. */
    private static boolean drainsToEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        byte[] tail = new byte[0];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                byte[] window = new byte[tail.length + n];
                System.arraycopy(tail, 0, window, 0, tail.length);
                System.arraycopy(buffer, 0, window, tail.length, n);
                if (new String(window, StandardCharsets.ISO_8859_1).contains("\r\n0\r\n\r\n")) {
                    return true;
                }
                int keep = Math.min(window.length, 16);
                tail = new byte[keep];
                System.arraycopy(window, window.length - keep, tail, 0, keep);
            }
            return true;
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
    }

    static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
