package dev.mcpspring.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.SessionEnd;
import dev.mcpspring.session.redis.RedisEventStore;
import dev.mcpspring.session.redis.RedisSessionManager;

/**
 * Two instances sharing sessions in a real Redis: the end of a session is reported once, by the instance that
 * ended it: the one that closed it, or, for a session that expired in Redis, whichever swept it first; with the
 * revision it negotiated and its life since it was created.
 */
class RedisSessionEndTests {

    static RedisServerProcess redis;

    private final LettuceConnectionFactory[] connections = new LettuceConnectionFactory[2];

    private final RedisSessionManager[] managers = new RedisSessionManager[2];

    private final List<String> ends = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.launch();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void startNodes() {
        redis.flushAll();
        JsonRpcCodec codec = new JsonRpcCodec(McpJsonMapper.create());
        for (int i = 0; i < 2; i++) {
            connections[i] = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
            connections[i].afterPropertiesSet();
            connections[i].start();
            StringRedisTemplate template = new StringRedisTemplate(connections[i]);
            RedisEventStore events = new RedisEventStore(template, "mcp:", codec, 100, Duration.ofMinutes(1), 10);
            managers[i] = new RedisSessionManager(connections[i], template, codec, events, "mcp:",
                    Duration.ofMillis(600), 100, 100, Duration.ofMillis(100));
            int node = i;
            managers[i].onSessionEnd(end -> ends.add(node + " " + end.sessionId() + " " + end.reason() + " "
                    + end.protocolVersion() + " " + (end.duration().toMillis() >= 0)));
        }
    }

    @AfterEach
    void stopNodes() {
        for (int i = 0; i < 2; i++) {
            managers[i].close();
            connections[i].destroy();
        }
    }

    @Test
    void aClosedSessionIsReportedOnceByTheInstanceThatClosedIt() {
        McpSession session = managers[0].create(null);
        session.initialize("2025-11-25", null, ClientCapabilities.NONE);
        managers[1].find(session.id()).orElseThrow(); // the other instance knows it too

        assertThat(managers[1].close(session.id())).isTrue();
        assertThat(managers[0].close(session.id())).isFalse();

        assertThat(ends).containsExactly("1 " + session.id() + " CLOSED 2025-11-25 true");
    }

    @Test
    void anExpiredSessionIsReportedOnceWhoeverSweepsIt() throws InterruptedException {
        McpSession session = managers[0].create(null);
        session.initialize("2025-06-18", null, ClientCapabilities.NONE);

        await().atMost(Duration.ofSeconds(10)).until(() -> !ends.isEmpty());
        Thread.sleep(500); // more heartbeats of both instances: no second report

        assertThat(ends).singleElement().satisfies(end -> assertThat(end).endsWith(session.id()
                + " EXPIRED 2025-06-18 true"));
        assertThat(managers[0].sessionCount()).isZero();
    }
}
