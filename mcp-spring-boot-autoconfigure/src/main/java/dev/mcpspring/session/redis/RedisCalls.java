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

    /** A failure of Redis as the exception the server answers 503 for; other failures as they are. */
    static RuntimeException unavailable(RuntimeException failure) {
        if (failure instanceof DataAccessException ex) {
            return new SessionStoreUnavailableException("Redis, where the MCP sessions are kept, cannot be reached: "
                    + ex.getMostSpecificCause().getMessage(), ex);
        }
        return failure;
    }
}
