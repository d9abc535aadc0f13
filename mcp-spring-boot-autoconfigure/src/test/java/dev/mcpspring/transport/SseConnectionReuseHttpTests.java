package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;

/**
 * SSE connections that clients drop while the server writes keep-alive comments to them, next to SSE answers on
 * pooled keep-alive connections: the container recycles a broken connection's response for the next request, so
 * a write that lands after that would corrupt another client's answer. Every answer must arrive intact.
 */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.server.transport.keep-alive-interval=5ms")
class SseConnectionReuseHttpTests extends HttpTestSupport {

    @Test
    void droppedStreamsNeverDisturbOtherAnswers() {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            McpTestClient client = connected();
            try {
                if (i % 3 == 0) {
                    try (SseSubscription stream = client.openStream()) { // dropped by the client at the end
                        assertThat(text(client.callTool("progress", Map.of("steps", 1), "p").result()))
                            .isEqualTo("done after 1 steps");
                    }
                }
                else {
                    assertThat(text(client.callTool("progress", Map.of("steps", 1), "p").result()))
                        .isEqualTo("done after 1 steps");
                }
                assertThat(client.ping().status()).isEqualTo(200);
            }
            catch (RuntimeException | AssertionError ex) {
                failures.add("round " + i + ": " + ex);
            }
        }
        assertThat(failures).isEmpty();
    }
}
