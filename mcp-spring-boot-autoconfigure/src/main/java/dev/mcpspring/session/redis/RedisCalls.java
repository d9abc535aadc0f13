package dev.mcpspring.session.redis;

import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;

import dev.mcpspring.session.SessionStoreUnavailableException;

/** Runs Redis calls, turning Redis being unreachable into a {@link SessionStoreUnavailableException}. */
final class RedisCalls {

    private RedisCalls() {
    }

    static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        }
        catch (DataAccessException ex) {
            throw unavailable(ex);
        }
    }

    /**
     * A failure of Redis as the exception the server answers 503 for; a command Redis refused (data of another
     * type than the session's, as in {@code WRONGTYPE}) as a fault of the server, which retrying does not cure;
     * other failures as they are.
     */
    static RuntimeException unavailable(RuntimeException failure) {
        if (failure instanceof DataAccessException ex) {
            Throwable cause = ex.getMostSpecificCause();
            if (isRefusedCommand(cause)) {
                return new IllegalStateException("Redis refused a command on the MCP session data (keys of another "
                        + "type or format than the starter writes?): " + cause.getMessage(), ex);
            }
            return new SessionStoreUnavailableException("Redis, where the MCP sessions are kept, cannot be reached: "
                    + cause.getMessage(), ex);
        }
        return failure;
    }

    /** An error reply of Redis itself (Lettuce's, or Jedis'), as opposed to Redis not answering. */
    private static boolean isRefusedCommand(Throwable cause) {
        String type = cause.getClass().getName();
        return type.equals("io.lettuce.core.RedisCommandExecutionException")
                || type.equals("redis.clients.jedis.exceptions.JedisDataException");
    }
}
