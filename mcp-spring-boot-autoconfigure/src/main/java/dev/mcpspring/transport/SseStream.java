package dev.mcpspring.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.MessageSink;

/**
 * A server-sent events stream on an asynchronous servlet response: one HTTP connection. The response headers are
 * written with the first event; a write that fails (the client went away) closes the stream. No thread is held
 * while it idles. Events may carry an id; a priming event carries an id, the {@code retry} delay and empty data.
 */
final class SseStream implements MessageSink {

    private static final byte[] EVENT_PREFIX = "event: message\ndata: ".getBytes(StandardCharsets.UTF_8);

    private static final byte[] ID_PREFIX = "id: ".getBytes(StandardCharsets.UTF_8);

    private static final byte[] LINE_END = "\n".getBytes(StandardCharsets.UTF_8);

    private static final byte[] EMPTY_DATA = "data: \n\n".getBytes(StandardCharsets.UTF_8);

    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final AsyncContext async;

    private final HttpServletResponse response;

    private final JsonRpcCodec codec;

    /** The {@code retry} field of priming events in milliseconds; 0 for none. */
    private final long retryMillis;

    private boolean started; // guarded by this

    private boolean closed; // guarded by this

    private volatile Future<?> keepAlive;

    private volatile Runnable onClose = () -> { };

    SseStream(AsyncContext async, HttpServletResponse response, JsonRpcCodec codec, long retryMillis) {
        this.async = async;
        this.response = response;
        this.codec = codec;
        this.retryMillis = retryMillis;
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
        synchronized (this) {
            if (closed) {
                return false;
            }
            try {
                ServletOutputStream out = start();
                writeId(out, eventId);
                out.write(EVENT_PREFIX);
                out.write(json);
                out.write(EVENT_END);
                out.flush();
                return true;
            }
            catch (IOException | IllegalStateException ex) {
                closed = true;
            }
        }
        finish();
        return false;
    }

    @Override
    public boolean prime(String eventId) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            try {
                ServletOutputStream out = start();
                writeId(out, eventId);
                if (retryMillis > 0) {
                    out.write(("retry: " + retryMillis + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(EMPTY_DATA);
                out.flush();
                return true;
            }
            catch (IOException | IllegalStateException ex) {
                closed = true;
            }
        }
        finish();
        return false;
    }

    private static void writeId(ServletOutputStream out, String eventId) throws IOException {
        if (eventId != null) {
            out.write(ID_PREFIX);
            out.write(eventId.getBytes(StandardCharsets.UTF_8));
            out.write(LINE_END);
        }
    }

    /** Writes the headers now, so the client sees the stream open before the first event. */
    void open() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                start().flush();
                return;
            }
            catch (IOException | IllegalStateException ex) {
                closed = true;
            }
        }
        finish();
    }

    /** Writes a comment line so proxies and the client know the stream is alive; detects dead clients. */
    void sendKeepAlive() {
        synchronized (this) {
            if (closed || !started) {
                return;
            }
            try {
                ServletOutputStream out = response.getOutputStream();
                out.write(KEEP_ALIVE);
                out.flush();
                return;
            }
            catch (IOException | IllegalStateException ex) {
                closed = true;
            }
        }
        finish();
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (!started) {
                try {
                    start();
                }
                catch (IOException | IllegalStateException ex) {
                    // the client is gone; completing the async context below is all that is left
                }
            }
        }
        finish();
    }

    private ServletOutputStream start() throws IOException {
        if (!started) {
            started = true;
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-cache, no-transform");
            response.setHeader("X-Accel-Buffering", "no");
        }
        return response.getOutputStream();
    }

    private void finish() {
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
        onClose.run();
    }
}
