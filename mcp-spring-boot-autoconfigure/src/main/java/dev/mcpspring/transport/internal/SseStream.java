package dev.mcpspring.transport.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.EventId;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.MessageSink;

/**
 * A server-sent events stream on an asynchronous servlet response: one HTTP connection. Sending an event never
 * blocks: it is queued and written as fast as the client reads (with non-blocking servlet I/O once the first few
 * kilobytes are out, see {@link #canWrite(int)}), so a slow or stuck client delays no one, and no thread is held
 * while the stream idles or waits for the client.
 * <p>
 * The queue is bounded by bytes: a client that falls further behind than {@code maxBufferedBytes} is disconnected
 * (its events stay in the session's event store, so it can resume with {@code Last-Event-ID}). One event larger
 * than the bound is still written when nothing else waits.
 * <p>
 * Only one thread at a time writes to the response: whoever queues an event, or the container's
 * {@link WriteListener#onWritePossible()} call, drains the queue if no one else is draining it, and otherwise
 * leaves a note that makes the drainer go round once more; application threads never wait for each other or for
 * the client. Only the container waits, when it ends a broken connection: it must not recycle the response while
 * another thread still writes to it. Nor does any thread but the request's own write while that thread is still in
 * the servlet filters, some of which set headers on their way out (see {@link FilterChainExit}).
 */
final class SseStream implements MessageSink {

    private static final Log logger = LogFactory.getLog(SseStream.class);

    /** Bytes written in blocking mode before switching to non-blocking output; see {@link #canWrite(int)}. */
    private static final int BLOCKING_BUDGET = 8 * 1024;

    private enum State {
        /** Accepts events. */
        OPEN,
        /** Writes what is queued, then ends the response. */
        CLOSING,
        /** Ends the response now; what is queued is dropped (the client went away or fell too far behind). */
        ABORTED
    }

    private final AsyncContext async;

    private final HttpServletResponse response;

    private final SseEventEncoder encoder;

    /** The {@code retry} field of priming events in milliseconds; 0 for none. */
    private final long retryMillis;

    private final long maxBufferedBytes;

    /** Held by the one thread that writes to the response. */
    private final ReentrantLock writeLock = new ReentrantLock();

    private volatile boolean drainRequested;

    private State state = State.OPEN; // guarded by this

    /** Encoded events ({@code byte[]}) and {@link Replay replays}, in order; created on first use. */
    private ArrayDeque<Object> queue; // guarded by this

    private long queuedBytes; // guarded by this

    // the following are guarded by writeLock

    private ServletOutputStream out;

    /** The event being written (taken from the queue, or a replay's next one). */
    private byte[] next;

    private boolean unflushed;

    private boolean nonBlocking;

    private int blockingBytesLeft = BLOCKING_BUDGET;

    private boolean finished;

    private final SseKeepAlive keepAlive;

    private final SseFlusher flusher;

    private volatile Runnable onClose = () -> { };

    /** The request's way out of the servlet filters: no other thread writes before it is through them. */
    private final @Nullable FilterChainExit filterChainExit;

    private final Runnable drainNow = this::drainNow;

    /** The count of open streams, which this one is part of from {@link #start()} to {@link #finish()}. */
    private final AtomicInteger openStreams;

    private boolean counted; // guarded by writeLock

    SseStream(AsyncContext async, HttpServletResponse response, SseEventEncoder encoder, SseKeepAlive keepAlive,
            SseFlusher flusher, long retryMillis, long maxBufferedBytes, AtomicInteger openStreams) {
        this.flusher = flusher;
        this.openStreams = openStreams;
        this.async = async;
        this.keepAlive = keepAlive;
        this.response = response;
        this.encoder = encoder;
        this.retryMillis = retryMillis;
        this.maxBufferedBytes = maxBufferedBytes;
        this.filterChainExit = FilterChainExit.of(async.getRequest());
    }

    /** Runs {@code action} once when the stream has ended, whoever ended it. */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    @Override
    public boolean send(JsonRpcMessage message) {
        return send(null, message);
    }

    /**
     * Queues the message; it is written with whatever else is sent within the flusher's tick, except a request to
     * the client, which is written at once: its sender waits for the answer, so nothing would join it in the tick
     * and every round trip to the client would take a tick longer.
     */
    @Override
    public boolean send(String eventId, JsonRpcMessage message) {
        return enqueue(encoder.message(eventId, message),
                message instanceof JsonRpcMessage.Request ? Write.NOW : Write.SOON);
    }

    /**
     * Queues the events as one entry that is encoded event by event as the client reads: a replay of thousands of
     * stored events neither copies them all at once nor counts against the bound.
     */
    @Override
    public boolean sendAll(String streamId, List<EventStore.StoredEvent> events) {
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            queue().addLast(new Replay(streamId, events.iterator()));
        }
        drain();
        return isOpen();
    }

    /**
     * Queues the priming event without writing it yet: it goes out with what follows at once (the message that
     * turned a response into a stream, the opening of a GET stream, a replay, a keep-alive), in one write.
     */
    @Override
    public boolean prime(String eventId) {
        return enqueue(encoder.priming(eventId, retryMillis), Write.WITH_NEXT);
    }

    /** Writes the headers now, so the client sees the stream open before the first event. */
    void open() {
        drain();
    }

    /**
     * Writes a comment line so proxies and the client know the stream is alive. Skipped while events wait: the
     * client is still busy with those.
     */
    void sendKeepAlive() {
        boolean waiting;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            waiting = queue != null && !queue.isEmpty();
        }
        if (waiting) {
            drain(); // a priming event not written yet shows the stream alive as well
        }
        else {
            enqueue(encoder.keepAlive(), Write.NOW);
        }
    }

    @Override
    public synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    /** Ends the stream once every queued event is written. */
    @Override
    public void close() {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
        }
        drain();
    }

    /**
     * Ends the stream now, dropping what is queued: the connection failed or the client went away. Called by the
     * container (an I/O error or time-out), which recycles the response as soon as this returns; so this waits
     * until no other thread is writing to it.
     */
    void abort() {
        markAborted();
        writeLock.lock();
        try {
            drainOnce();
        }
        finally {
            writeLock.unlock();
        }
    }

    private synchronized void markAborted() {
        state = State.ABORTED;
        queue = null;
        queuedBytes = 0;
    }

    /** When a queued event is written. */
    private enum Write {
        /** At once. */
        NOW,
        /**
         * At the flusher's next tick, with what is sent meanwhile, or sooner when something else drains or more
         * than {@value SseStream#BLOCKING_BUDGET} bytes wait.
         */
        SOON,
        /** With whatever is written next. */
        WITH_NEXT
    }

    private boolean enqueue(byte[] event, Write write) {
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            if (queuedBytes > 0 && queuedBytes + event.length > maxBufferedBytes) {
                logger.warn("Disconnecting an SSE client that fell more than " + maxBufferedBytes + " bytes behind "
                        + "(mcp.server.sse.max-buffered-size); it can resume the stream with Last-Event-ID");
                markAborted();
                write = Write.NOW; // ends the response
            }
            else {
                queue().addLast(event);
                queuedBytes += event.length;
                if (write == Write.SOON && queuedBytes > BLOCKING_BUDGET) {
                    write = Write.NOW; // a burst goes out as it comes: the bound is for what the client did not read
                }
            }
        }
        if (write == Write.NOW) {
            drain();
        }
        else if (write == Write.SOON) {
            flusher.flushSoon(this);
        }
        return isOpen();
    }

    /** Writes what is queued, as far as the client takes it now: the {@link SseFlusher}'s tick. */
    void flushQueued() {
        drain();
    }

    /**
     * Writes as much as the client takes now. Whoever gets the write lock drains, and goes round again when
     * someone asked for a drain meanwhile; everyone else leaves that request and returns at once.
     */
    private void drain() {
        drainRequested = true;
        if (filterChainExit != null) {
            filterChainExit.write(drainNow); // or, while the filters unwind, by the request's thread as it leaves
        }
        else {
            drainNow.run();
        }
    }

    private void drainNow() {
        while (drainRequested && writeLock.tryLock()) {
            try {
                drainRequested = false;
                drainOnce();
            }
            finally {
                writeLock.unlock();
            }
        }
    }

    private void drainOnce() {
        if (finished) {
            return;
        }
        try {
            if (out == null) {
                if (isAborted()) {
                    finish();
                    return;
                }
                start();
            }
            while (true) {
                Object head;
                State current;
                synchronized (this) {
                    current = state;
                    head = queue == null ? null : queue.peekFirst();
                }
                if (current == State.ABORTED) {
                    finish();
                    return;
                }
                if (next == null && head != null) {
                    next = head instanceof Replay replay ? replay.next(encoder) : (byte[]) head;
                    if (next == null || !(head instanceof Replay)) {
                        dequeued(head); // an event is taken once; a replay stays until it is used up
                    }
                    continue;
                }
                if (next != null) {
                    if (!canWrite(next.length)) {
                        return; // the container calls onWritePossible() once the client has read enough
                    }
                    out.write(next);
                    next = null;
                    unflushed = true;
                }
                else if (unflushed && !(current == State.CLOSING && !nonBlocking)) {
                    if (!canWrite(0)) {
                        return;
                    }
                    unflushed = false;
                    out.flush();
                }
                else {
                    if (current == State.CLOSING) {
                        finish(); // completing the response writes what is buffered: no flush of its own
                    }
                    return;
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // the client went away, or the container already ended (and maybe recycled) the response
            markAborted();
            finish();
        }
    }

    /**
     * Whether {@code bytes} can be written now without blocking. The first {@value #BLOCKING_BUDGET} bytes of a
     * connection are written in the servlet's blocking mode, on the calling thread: that little fits in the
     * socket's send buffer (16 KB by default on Linux) whether the client reads or not, so it does not block, and
     * most SSE answers (priming event, a few notifications, the
     * result) end within it without a hand-over to a container thread. Beyond it the response switches to
     * non-blocking output for good.
     */
    private boolean canWrite(int bytes) {
        if (!nonBlocking) {
            if (bytes <= blockingBytesLeft) {
                blockingBytesLeft -= bytes;
                return true;
            }
            nonBlocking = true;
            out.setWriteListener(new WriteListener() {
                @Override
                public void onWritePossible() {
                    drain();
                }

                @Override
                public void onError(Throwable failure) {
                    abort();
                }
            });
        }
        return out.isReady();
    }

    /** Whether the stream ended because the connection failed or the client went away. */
    synchronized boolean isAborted() {
        return state == State.ABORTED;
    }

    private synchronized void dequeued(Object head) {
        if (queue != null && queue.peekFirst() == head) {
            queue.pollFirst();
            if (head instanceof byte[] event) {
                queuedBytes -= event.length;
            }
        }
    }

    private ArrayDeque<Object> queue() { // guarded by this
        if (queue == null) {
            queue = new ArrayDeque<>();
        }
        return queue;
    }

    /** Sets the status and headers (written with the first flush) and starts the keep-alive comments. */
    private void start() throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache, no-transform");
        response.setHeader("X-Accel-Buffering", "no");
        out = response.getOutputStream();
        unflushed = true;
        counted = true;
        openStreams.incrementAndGet();
        keepAlive.register(this);
    }

    private void finish() {
        if (finished) {
            return; // the container's abort() may run inside a write of this very thread
        }
        finished = true;
        if (counted) {
            counted = false;
            openStreams.decrementAndGet();
        }
        keepAlive.unregister(this);
        try {
            async.complete();
        }
        catch (IllegalStateException ex) {
            // already completed by the container after an error or time-out
        }
        onClose.run();
    }

    /** Stored events written one by one as the client reads; only the draining thread moves it on. */
    private static final class Replay {

        private final String streamId;

        private final Iterator<EventStore.StoredEvent> events;

        Replay(String streamId, Iterator<EventStore.StoredEvent> events) {
            this.streamId = streamId;
            this.events = events;
        }

        /** The next event encoded, or {@code null} when all are written. */
        byte @Nullable [] next(SseEventEncoder encoder) {
            while (events.hasNext()) {
                EventStore.StoredEvent event = events.next();
                if (!event.isPriming()) {
                    return encoder.message(new EventId(streamId, event.sequence()).toString(), event.message());
                }
            }
            return null;
        }
    }
}
