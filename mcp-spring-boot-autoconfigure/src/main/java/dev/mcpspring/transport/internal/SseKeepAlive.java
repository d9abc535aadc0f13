package dev.mcpspring.transport.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a comment line on every open SSE stream at a fixed interval. One daemon thread sweeps the open streams and
 * queues the comments; streams write without blocking, so a slow client never delays the others. A stream is an
 * entry in a map, not a scheduled task: most SSE answers end long before their first comment, and adding and
 * removing an entry costs far less than scheduling and cancelling a timer task per answer.
 */
final class SseKeepAlive implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    private final long intervalMillis;

    /**
     * The open streams, each with whether a sweep has seen it: a stream gets its first comment at the second sweep
     * after it opened (one to two intervals later, never sooner than one) and one at every sweep from then on.
     */
    private final Map<SseStream, Boolean> streams = new ConcurrentHashMap<>();

    SseKeepAlive(Duration interval) {
        this.intervalMillis = interval.toMillis();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mcp-sse-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
        every(this::sweep);
    }

    /** Sends keep-alive comments on {@code stream} until {@link #unregister}. */
    void register(SseStream stream) {
        if (intervalMillis > 0) {
            streams.put(stream, Boolean.FALSE);
        }
    }

    /** Stops the comments on {@code stream}, which has ended. */
    void unregister(SseStream stream) {
        if (intervalMillis > 0) {
            streams.remove(stream);
        }
    }

    /**
     * Runs {@code sweep} at the keep-alive interval (on the same thread as the comments) until this closes;
     * nothing when keep-alives are off.
     */
    void every(Runnable sweep) {
        if (intervalMillis > 0) {
            scheduler.scheduleAtFixedRate(sweep, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The keep-alive interval in milliseconds; zero when keep-alives are off. */
    long intervalMillis() {
        return intervalMillis;
    }

    private void sweep() {
        streams.forEach((stream, seen) -> {
            if (seen) {
                stream.sendKeepAlive();
            }
            else {
                streams.replace(stream, Boolean.FALSE, Boolean.TRUE);
            }
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
