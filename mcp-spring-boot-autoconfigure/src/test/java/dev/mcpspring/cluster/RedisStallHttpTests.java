package dev.mcpspring.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.OpenRequest;
import dev.mcpspring.testclient.SseEvent;

/**
 * Redis stalling (SIGSTOP) while a call streams its progress, with a command time-out shorter than the stall, as
 * the documentation advises: the events cannot be stored for resumption, but the open connection still carries
 * them and the answer.
 */
class RedisStallHttpTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String VERSION = "2025-11-25";

    private static RedisServerProcess redis;

    private static ClusterNodes nodes;

    @BeforeAll
    static void startCluster() {
        redis = RedisServerProcess.launch();
        nodes = ClusterNodes.start(2, redis.port(), List.of(ClusterTools.class), "spring.data.redis.timeout=300ms",
                "mcp.server.transport.keep-alive-interval=200ms", "mcp.server.session.redis.heartbeat=200ms");
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aCallWhoseEventsCannotBeStoredWhileRedisStallsStillAnswersOnItsOpenConnection() {
        RoundRobinClient client = nodes.roundRobin().connect(VERSION, Map.of());
        String lastEventId;
        try (OpenRequest call = client.on(0).startToolCall("ticks", Map.of("steps", 4, "everyMillis", 200),
                "ticking")) {
            call.nextNotification("notifications/progress", WAIT);

            redis.stall(Duration.ofMillis(2_500)); // the later ticks and the answer fall within it

            assertThat(call.result(WAIT).path("content").path(0).path("text").asString()).isEqualTo("ticked 4");
            assertThat(call.taken().stream().filter(message -> message.has("method")).count())
                .as("every tick reached the client").isEqualTo(4);
            assertThat(call.awaitEnd(WAIT)).isTrue();
            lastEventId = call.subscription().events().stream().filter(SseEvent::hasData).reduce((a, b) -> b)
                .orElseThrow().id();
        }

        // the call is over: a resumption ends at once (replaying what was kept, or refusing an event that was not)
        McpResponse resumed = client.on(0).get().header("Last-Event-ID", lastEventId).timeout(WAIT).send();
        assertThat(resumed.status()).isIn(200, 400, 404);
        assertThat(resumed.body()).doesNotContain("Exception");
    }
}
