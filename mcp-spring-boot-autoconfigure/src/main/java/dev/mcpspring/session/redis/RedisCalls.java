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
     * A failure of Redis as the exception the server answers 503 for (Redis unreachable, or still loading its data);
     * a command Redis refused ({@code WRONGTYPE}, {@code NOPERM}, {@code WRONGPASS}, ...) as a fault of the set-up,
     * which retrying does not cure, with what its error code means; other failures as they are.
     */
    static RuntimeException unavailable(RuntimeException failure) {
        if (failure instanceof DataAccessException ex) {
            Throwable cause = ex.getMostSpecificCause();
            String reply = String.valueOf(cause.getMessage());
            if (isRefusedCommand(cause) && !reply.startsWith("LOADING")) {
                return new IllegalStateException("Redis refused a command on the MCP session data"
                        + meaningOf(reply) + ": " + reply, ex);
            }
            return new SessionStoreUnavailableException("Redis, where the MCP sessions are kept, cannot be reached: "
                    + reply, ex);
        }
        return failure;
    }

    /** What the error code that starts a Redis error reply says about the set-up. */
    private static String meaningOf(String reply) {
        String code = reply.split(" ", 2)[0];
        return switch (code) {
            case "WRONGPASS", "NOAUTH" -> " (the user name or password, spring.data.redis.username and "
                    + "spring.data.redis.password, are not accepted)";
            case "NOPERM" -> " (the Redis user may not run it: it needs the keys and channels under "
                    + "mcp.server.session.redis.key-prefix and the commands listed in the documentation)";
            case "WRONGTYPE" -> " (keys of another type or format than the starter writes: is another application "
                    + "using the same key prefix?)";
            case "READONLY" -> " (the server is a read-only replica: connect to the primary)";
            case "OOM" -> " (Redis reached its maxmemory and evicts nothing that could make room)";
            default -> "";
        };
    }

    /** An error reply of Redis itself (Lettuce's, or Jedis'), as opposed to Redis not answering. */
    private static boolean isRefusedCommand(Throwable cause) {
        String type = cause.getClass().getName();
        return type.equals("io.lettuce.core.RedisCommandExecutionException")
                || type.equals("redis.clients.jedis.exceptions.JedisDataException");
    }
}
