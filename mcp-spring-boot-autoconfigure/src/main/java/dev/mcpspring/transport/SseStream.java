package dev.mcpspring.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.MessageSink;

/**
 * A server-sent events stream on an asynchronous servlet response: one HTTP connection. The response headers are
 * written with the first event; a write that fails (the client went away) closes the stream. No thread is held
 * while it idles. Events may carry an id; a priming event carries an id, the {@code retry} delay and empty data.
 * <p>
 * Producers never write to the socket: an event is encoded and put on a bounded outbound queue, and one writer
 * task at a time (on the writer executor) drains it, so a client that stops reading blocks at most that writer,
 * never a handler or a session lock. When the queue would exceed {@code maxBufferedEvents} or
 * {@code maxBufferedBytes} the reader is too far behind: the queue is dropped, the stream counts as closed at
 * once (a session stream detaches it; its events are in the event store, so the client can resume with
 * {@code Last-Event-ID}), and the connection is completed as soon as the stuck write returns (the client reads
 * again, or the container's write time-out fails it). An event is always accepted into an empty queue, so one
 * event larger than the byte bound still goes out.
 */
final class SseStream implements MessageSink {

    private static final Log logger = LogFactory.getLog(SseStream.class);

    private static final byte[] EVENT_PREFIX = "event: message\ndata: ".getBytes(StandardCharsets.UTF_8);

    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    /** A queue entry that writes nothing but flushes (sends the headers). */
    private static final byte[] FLUSH = new byte[0];

    private final AsyncContext async;

    private final HttpServletResponse response;

    private final JsonRpcCodec codec;

    /** The {@code retry} field of priming events in milliseconds; 0 for none. */
    private final long retryMillis;

    private final Executor writer;

    private final int maxBufferedEvents;

    private final long maxBufferedBytes;

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>(); // guarded by this

    private long queuedBytes; // guarded by this

    private boolean writing; // guarded by this: a writer task is scheduled or running

    /** Until {@link #open()}: queue, but start no writer (the container thread is still dispatching). */
    private boolean held; // guarded by this

    private boolean started; // guarded by this

    private boolean closed; // guarded by this

    private final AtomicBoolean finished = new AtomicBoolean();

    private final AtomicBoolean closeNotified = new AtomicBoolean();

    private volatile Future<?> keepAlive;

    private volatile Runnable onClose = () -> { };

    SseStream(AsyncContext async, HttpServletResponse response, JsonRpcCodec codec, long retryMillis,
            Executor writer, int maxBufferedEvents, long maxBufferedBytes) {
        this.async = async;
        this.response = response;
        this.codec = codec;
        this.retryMillis = retryMillis;
        this.writer = writer;
        this.maxBufferedEvents = Math.max(1, maxBufferedEvents);
        this.maxBufferedBytes = Math.max(1, maxBufferedBytes);
    }

    /** Runs {@code action} once when the stream closes, whoever closes it. */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    void keepAlive(Future<?> task) {
        this.keepAlive = task;
        if (!isOpen()) {
            task.cancel(false); // closed before the task was handed over: finish() could not cancel it
        }
    }

    @Override
    public boolean send(JsonRpcMessage message) {
        return send(null, message);
    }

    @Override
    public boolean send(String eventId, JsonRpcMessage message) {
        byte[] json = codec.write(message);
        byte[] id = idLine(eventId);
        byte[] event = new byte[id.length + EVENT_PREFIX.length + json.length + EVENT_END.length];
        System.arraycopy(id, 0, event, 0, id.length);
        System.arraycopy(EVENT_PREFIX, 0, event, id.length, EVENT_PREFIX.length);
        System.arraycopy(json, 0, event, id.length + EVENT_PREFIX.length, json.length);
        System.arraycopy(EVENT_END, 0, event, event.length - EVENT_END.length, EVENT_END.length);
        return enqueue(event, false);
    }

    @Override
    public boolean prime(String eventId) {
        String retry = retryMillis > 0 ? "retry: " + retryMillis + "\n" : "";
        byte[] id = idLine(eventId);
        byte[] rest = (retry + "data: \n\n").getBytes(StandardCharsets.UTF_8);
        byte[] event = new byte[id.length + rest.length];
        System.arraycopy(id, 0, event, 0, id.length);
        System.arraycopy(rest, 0, event, id.length, rest.length);
        return enqueue(event, false);
    }

    private static byte[] idLine(String eventId) {
        return eventId == null ? new byte[0]
                : ("id: " + eventId + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Holds the output until {@link #open()}: what is sent meanwhile (a replay) is queued and then written by
     * {@code open()} on the calling thread, so no other thread writes the response while the container is still
     * dispatching the request.
     */
    synchronized void hold() {
        held = true;
    }

    /**
     * Writes the headers and whatever was queued while held now, on this thread, so the client sees the stream
     * open before the first event.
     */
    void open() {
        boolean drainHere;
        synchronized (this) {
            if (closed && !held) {
                return;
            }
            held = false;
            start();
            queue.addLast(FLUSH);
            drainHere = !writing;
            writing = true;
        }
        if (drainHere) {
            drain();
        }
    }

    /** Writes a comment line so proxies and the client know the stream is alive; detects dead clients. */
    void sendKeepAlive() {
        enqueue(KEEP_ALIVE, true);
    }

    /**
     * Puts a chunk on the outbound queue and makes sure a writer drains it.
     *
     * @param onlyWhenIdle for keep-alives: skip when something is being written anyway (or nothing was yet)
     * @return whether the chunk was queued; {@code false} when the stream is closed or just overflowed
     */
    private boolean enqueue(byte[] chunk, boolean onlyWhenIdle) {
        boolean schedule = false;
        boolean overflowed = false;
        boolean finishNow = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (onlyWhenIdle && (writing || !started)) {
                return true;
            }
            start();
            // a replay queued while held is bounded by the event store, and open() writes it at once
            if (!held && !queue.isEmpty()
                    && (queue.size() >= maxBufferedEvents || queuedBytes + chunk.length > maxBufferedBytes)) {
                overflowed = true;
                closed = true;
                queue.clear();
                queuedBytes = 0;
                finishNow = !writing && !held;
            }
            else {
                queue.addLast(chunk);
                queuedBytes += chunk.length;
                if (!writing && !held) {
                    writing = true;
                    schedule = true;
                }
            }
        }
        if (overflowed) {
            logger.warn("Closing an SSE stream whose client fell too far behind (more than " + maxBufferedEvents
                    + " events or " + maxBufferedBytes + " bytes waiting); it can resume with Last-Event-ID");
            notifyClosed(); // detach now: what follows goes to the event store only
            if (finishNow) {
                finish();
            }
            return false;
        }
        if (schedule) {
            try {
                writer.execute(this::drain);
            }
            catch (RejectedExecutionException ex) {
                drain(); // no writer available: write on this thread, as a last resort
            }
        }
        return true;
    }

    /** The writer: writes what is queued, flushes, and repeats until the queue is empty. */
    private void drain() {
        List<byte[]> batch = new ArrayList<>();
        while (true) {
            boolean done;
            synchronized (this) {
                byte[] chunk;
                while ((chunk = queue.pollFirst()) != null) {
                    batch.add(chunk);
                    queuedBytes -= chunk.length;
                }
                if (batch.isEmpty()) {
                    writing = false;
                    done = closed;
                    if (!done) {
                        return;
                    }
                }
                else {
                    done = false;
                }
            }
            if (done) {
                finish();
                return;
            }
            try {
                ServletOutputStream out = response.getOutputStream();
                for (byte[] chunk : batch) {
                    if (chunk.length > 0) {
                        out.write(chunk);
                    }
                }
                out.flush();
            }
            catch (IOException | IllegalStateException ex) {
                synchronized (this) {
                    closed = true;
                    queue.clear();
                    queuedBytes = 0;
                    writing = false;
                }
                finish();
                return;
            }
            batch.clear();
        }
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    /** Ends the stream: what is queued is still written, then the response completes. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            start();
            if (writing || held) {
                return; // the writer (or open()) completes the response after the last queued event
            }
        }
        finish();
    }

    /** Sets the status and headers once, before anything is written. */
    private void start() {
        if (!started) {
            started = true;
            try {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType("text/event-stream");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setHeader("Cache-Control", "no-cache, no-transform");
                response.setHeader("X-Accel-Buffering", "no");
            }
            catch (IllegalStateException ex) {
                // the container already gave up on the response; the first write will fail and close
            }
        }
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        Future<?> task = keepAlive;
        if (task != null) {
            task.cancel(false);
        }
        try {
            async.complete();
        }
        catch (IllegalStateException ex) {
            // already completed by the container after an error or time-out
        }
        notifyClosed();
    }

    private void notifyClosed() {
        if (closeNotified.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}
