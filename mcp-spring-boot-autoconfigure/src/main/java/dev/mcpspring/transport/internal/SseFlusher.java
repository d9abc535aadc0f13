package dev.mcpspring.transport.internal;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the events a handler sends within {@value #DELAY_MICROS} µs of their sending, together: one daemon thread
 * drains the streams that have events waiting, once per tick. A tool that reports progress and then answers at
 * once (the usual SSE answer) thus costs one write of everything, its response included, when its stream closes,
 * instead of a flush of the progress and another write of the response; a tool that keeps working sees its progress
 * go out at the next tick. The thread parks while no stream waits.
 */
final class SseFlusher implements AutoCloseable {

    /** How long an event may wait for the events that follow it. */
    static final long DELAY_MICROS = 1000;

    private final Set<SseStream> waiting = ConcurrentHashMap.newKeySet();

    private final Thread thread;

    /** Whether the thread is parked until a stream waits (rather than until its next tick). */
    private volatile boolean idle;

    private volatile boolean closed;

    SseFlusher() {
        this.thread = new Thread(this::run, "mcp-sse-flusher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Drains {@code stream} at the next tick, unless it is drained before. */
    void flushSoon(SseStream stream) {
        if (waiting.add(stream) && idle) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether the thread is parked until a stream waits. */
    boolean isIdle() {
        return idle;
    }

    private void run() {
        while (!closed) {
            if (waiting.isEmpty()) {
                idle = true;
                if (waiting.isEmpty() && !closed) { // checked again: flushSoon() may have missed the flag
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MICROSECONDS.toNanos(DELAY_MICROS));
            for (Iterator<SseStream> it = waiting.iterator(); it.hasNext();) {
                SseStream stream = it.next();
                it.remove();
                try {
                    stream.flushQueued();
                }
                catch (RuntimeException ex) { // a stream's failure ends that stream, never the others' flushes
                    stream.abort();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
