package dev.mcpspring.session.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

import dev.mcpspring.session.SessionStoreUnavailableException;

/** What a Redis failure becomes: unavailable (503, retry) or a refusal that names what to fix in the set-up. */
class RedisCallsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            WRONGPASS invalid username-password pair or user is disabled. | spring.data.redis.password
            NOAUTH Authentication required.                               | spring.data.redis.username
            NOPERM this user has no permissions to run the 'hset' command | mcp.server.session.redis.key-prefix
            WRONGTYPE Operation against a key holding the wrong kind of value | another application using the same key prefix
            READONLY You can't write against a read only replica.        | connect to the primary
            ERR unknown command                                           | Redis refused a command on the MCP session data: ERR unknown command
            """)
    void aCommandRedisRefusesIsAFaultOfTheSetUpThatSaysWhatToFix(String reply, String advice) {
        RuntimeException failure = RedisCalls.unavailable(
                new RedisSystemException("Error in execution", new RedisCommandExecutionException(reply)));

        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Redis refused a command on the MCP session data")
            .hasMessageContaining(advice)
            .hasMessageEndingWith(": " + reply);
    }

    @Test
    void redisLoadingItsDataIsUnavailableForAMoment() {
        String reply = "LOADING Redis is loading the dataset in memory";
        RuntimeException failure = RedisCalls.unavailable(
                new RedisSystemException("Error in execution", new RedisCommandExecutionException(reply)));

        assertThat(failure).isExactlyInstanceOf(SessionStoreUnavailableException.class).hasMessageEndingWith(reply);
    }

    @Test
    void redisNotAnsweringIsUnavailable() {
        RuntimeException failure = RedisCalls.unavailable(new RedisConnectionFailureException("Unable to connect",
                new RedisConnectionException("Unable to connect to localhost/<unresolved>:6379")));

        assertThat(failure).isExactlyInstanceOf(SessionStoreUnavailableException.class)
            .hasMessage("Redis, where the MCP sessions are kept, cannot be reached: Unable to connect to "
                    + "localhost/<unresolved>:6379");
    }
}
