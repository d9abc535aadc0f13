package dev.mcpspring.transport.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends a comment line on every open SSE stream at a fixed interval. One daemon thread keeps the schedule and
 * queues the comments; streams write without blocking, so a slow client never delays the others.
 */
final class SseKeepAlive implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    private final long intervalMillis;

    SseKeepAlive(Duration interval) {
        this.intervalMillis = interval.toMillis();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mcp-sse-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
        // most SSE answers end long before their first keep-alive: drop their cancelled tasks at once, or the
        // queue would hold one per answer for a whole interval
        timer.setRemoveOnCancelPolicy(true);
        this.scheduler = timer;
    }

    /** Starts sending keep-alive comments on {@code stream} until it closes. */
    void register(SseStream stream) {
        if (intervalMillis > 0) {
            stream.keepAlive(scheduler.scheduleAtFixedRate(stream::sendKeepAlive, intervalMillis, intervalMillis,
                    TimeUnit.MILLISECONDS));
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

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
