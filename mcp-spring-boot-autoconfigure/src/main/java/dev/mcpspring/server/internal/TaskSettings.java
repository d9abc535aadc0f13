package dev.mcpspring.server.internal;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.task.TaskStore;

/**
 * How the server runs tools as tasks.
 *
 * @param store        where tasks live
 * @param executor     where the tools of tasks run (decorated like the handler executor, so a task sees the context
 *                     of the request that started it)
 * @param ttl          how long a task is kept after its creation, whatever its status
 * @param maxTtl       the longest time-to-live a 2025-11-25 client may ask for with {@code task.ttl}
 * @param pollInterval how often clients are asked to poll
 * @param maxRunningPerRequestor how many tasks of one requestor may be working or waiting for input at once on this
 *                     instance
 */
public record TaskSettings(TaskStore store, Executor executor, Duration ttl, Duration maxTtl,
        Duration pollInterval, int maxRunningPerRequestor) {

    public TaskSettings {
        if (ttl.isNegative() || ttl.isZero() || maxTtl.compareTo(ttl) < 0) {
            throw new IllegalArgumentException("A task's time-to-live must be positive and at most its maximum ("
                    + ttl + ", " + maxTtl + ")");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The poll interval must be positive, but was " + pollInterval);
        }
        if (maxRunningPerRequestor < 1) {
            throw new IllegalArgumentException("mcp.server.tasks.max-running-per-requestor must be at least 1, but was "
                    + maxRunningPerRequestor);
        }
    }

    /** The time-to-live of a task whose client asked for {@code requested} milliseconds (or nothing). */
    Duration ttlFor(@Nullable Long requested) {
        if (requested == null || requested <= 0) {
            return ttl;
        }
        Duration asked = Duration.ofMillis(requested);
        return asked.compareTo(maxTtl) > 0 ? maxTtl : asked;
    }
}
