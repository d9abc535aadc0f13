package dev.mcpspring.server.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many tasks each requestor has working (or waiting for input) on this instance, at most a bound per
 * requestor: one client cannot take every thread of the handler pool, nor fill the server with tasks that wait for
 * answers it never gives, so that other clients' tasks and calls are left to wait.
 */
final class RunningTasks {

    private final int maxPerRequestor;

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    RunningTasks(int maxPerRequestor) {
        this.maxPerRequestor = maxPerRequestor;
    }

    /** Counts one more task of {@code requestor}; {@code false} when it has as many as it may. */
    boolean tryStart(String requestor) {
        boolean[] started = { false };
        counts.compute(requestor, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerRequestor) {
                return count;
            }
            started[0] = true;
            return current + 1;
        });
        return started[0];
    }

    /** One task of {@code requestor} has ended. */
    void ended(String requestor) {
        counts.computeIfPresent(requestor, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** The bound per requestor. */
    int maxPerRequestor() {
        return maxPerRequestor;
    }
}
