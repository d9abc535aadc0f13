package dev.mcpspring.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.SseSubscription;

/** The idle time-out of sessions in Redis, with two instances and a one-second time-out. */
class RedisSessionExpiryHttpTests {

    private static final String VERSION = "2025-11-25";

    private static RedisServerProcess redis;

    private static ClusterNodes nodes;

    @BeforeAll
    static void startCluster() {
        redis = RedisServerProcess.launch();
        nodes = ClusterNodes.start(2, redis.port(), List.of(ClusterTools.class), "mcp.server.session.timeout=1s",
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

    private static RoundRobinClient session() {
        return nodes.roundRobin().connect(VERSION, Map.of());
    }

    @Test
    void anIdleSessionExpiresOnEveryInstance() throws InterruptedException {
        RoundRobinClient client = session();
        assertThat(client.on(1).ping().status()).isEqualTo(200);

        Thread.sleep(2_500);

        assertThat(client.on(0).ping().status()).isEqualTo(404);
        assertThat(client.on(1).ping().status()).isEqualTo(404);
        assertThat(redis.command("EXISTS", "mcp:s:" + client.sessionId())).isEqualTo(0L);
    }

    @Test
    void anExpiredSessionLeavesTheSubscriberSetsOfItsUrisAndEmptySetsGo() throws InterruptedException {
        RoundRobinClient client = session();
        assertThat(client.on(1).request("resources/subscribe", Map.of("uri", ClusterTools.NOTE)).status())
            .isEqualTo(200);
        String subscribers = "mcp:sub:" + ClusterTools.NOTE;
        assertThat(redis.command("SISMEMBER", subscribers, client.sessionId())).isEqualTo(1L);

        Thread.sleep(2_500); // expired, and swept by a heartbeat

        assertThat(redis.command("EXISTS", subscribers)).as("its only subscriber expired").isEqualTo(0L);
        assertThat(redis.command("EXISTS", "mcp:s:" + client.sessionId() + ":subs")).isEqualTo(0L);
    }

    @Test
    void aSessionWhoseStreamIsOpenOnAnotherInstanceDoesNotExpire() throws InterruptedException {
        RoundRobinClient client = session();
        try (SseSubscription stream = client.on(1).openStream()) {
            assertThat(stream.status()).isEqualTo(200);

            Thread.sleep(2_500);

            assertThat(client.on(0).ping().status()).isEqualTo(200);
        }
    }

    @Test
    void aLongRequestKeepsItsSessionAlive() {
        RoundRobinClient client = session();

        McpResponse slow = client.on(0).callTool("slow", Map.of("millis", 2_500));

        assertThat(slow.status()).isEqualTo(200);
        assertThat(client.on(1).ping().status()).isEqualTo(200);
    }

    @Test
    void theCountOfLiveSessionsIsClusterWide() throws InterruptedException {
        Thread.sleep(2_500); // the other tests' sessions have expired
        session();
        session();

        int seenBy0 = nodes.context(0).getBean(SessionManager.class).sessionCount();
        int seenBy1 = nodes.context(1).getBean(SessionManager.class).sessionCount();

        assertThat(seenBy0).isEqualTo(2);
        assertThat(seenBy1).isEqualTo(2);
    }
}
