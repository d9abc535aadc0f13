package dev.mcpspring.test.session;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.mcpspring.cluster.RedisServerProcess;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.redis.RedisEventStore;
import dev.mcpspring.session.redis.RedisSessionManager;

/** {@link RedisSessionManager} keeps the contract, as two instances sharing one real Redis. */
class RedisSessionManagerContractTests extends SessionManagerContractTests {

    private static RedisServerProcess redis;

    private final LettuceConnectionFactory[] connections = new LettuceConnectionFactory[2];

    private final RedisSessionManager[] managers = new RedisSessionManager[2];

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
                    Duration.ofMinutes(1), MAX_SESSIONS, 100, Duration.ofMillis(200));
        }
    }

    @AfterEach
    void stopNodes() {
        for (int i = 0; i < 2; i++) {
            managers[i].close();
            connections[i].destroy();
        }
    }

    @Override
    protected SessionManager node(int index) {
        return managers[index];
    }
}
