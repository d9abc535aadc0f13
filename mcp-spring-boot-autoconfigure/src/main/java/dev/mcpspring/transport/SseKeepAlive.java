package dev.mcpspring.transport;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mcp-sse-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
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
