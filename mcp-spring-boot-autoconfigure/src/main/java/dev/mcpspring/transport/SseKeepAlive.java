package dev.mcpspring.transport;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends a comment line on every open SSE stream at a fixed interval. One daemon thread keeps the schedule; the
 * writes themselves run on the handler executor, so a slow client never delays the others.
 */
final class SseKeepAlive implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    private final Executor writer;

    private final long intervalMillis;

    SseKeepAlive(Duration interval, Executor writer) {
        this.intervalMillis = interval.toMillis();
        this.writer = writer;
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
            stream.keepAlive(scheduler.scheduleAtFixedRate(() -> write(stream), intervalMillis, intervalMillis,
                    TimeUnit.MILLISECONDS));
        }
    }

    private void write(SseStream stream) {
        try {
            writer.execute(stream::sendKeepAlive);
        }
        catch (RejectedExecutionException ex) {
            // the executor is saturated: skip this beat rather than end the schedule (a throwing task would)
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
