package dev.mcpspring.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link RedisServerProcess} starts a real server, and stops and starts it again on the same port. */
class RedisServerProcessTest {

    @Test
    void startsStopsAndStartsAgainOnTheSamePort() {
        try (RedisServerProcess redis = RedisServerProcess.launch()) {
            int port = redis.port();
            assertThat(redis.isRunning()).isTrue();
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.command("CONFIG", "GET", "bind")).isEqualTo(List.of("bind", "127.0.0.1"));
            assertThat(redis.command("CONFIG", "GET", "save")).isEqualTo(List.of("save", ""));
            assertThat(redis.command("SET", "key", "value")).isEqualTo("OK");

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> redis.command("PING")).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseInstanceOf(ConnectException.class);

            redis.start();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.command("GET", "key")).as("nothing survives a stop").isNull();
        }
    }

    @Test
    void flushAllDeletesEveryKey() {
        try (RedisServerProcess redis = RedisServerProcess.launch()) {
            redis.command("SET", "a", "1");
            redis.command("HSET", "b", "field", "2");
            assertThat(redis.command("DBSIZE")).isEqualTo(2L);

            redis.flushAll();

            assertThat(redis.command("DBSIZE")).isEqualTo(0L);
        }
    }
}
