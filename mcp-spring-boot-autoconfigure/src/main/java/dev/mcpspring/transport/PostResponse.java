package dev.mcpspring.transport;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.MessageSink;

/**
 * The response to a POST that carried requests. It stays undecided while the handlers run: if they finish
 * without sending anything it becomes one {@code application/json} body; the first message a handler sends
 * before its result turns it into an SSE stream that ends after the last response.
 */
final class PostResponse implements MessageSink {

    private enum Mode {
        PENDING, SSE, DONE
    }

    private final AsyncContext async;

    private final HttpServletResponse response;

    private final JsonRpcCodec codec;

    private final boolean jsonAllowed;

    private final boolean sseAllowed;

    private final SseKeepAlive keepAlive;

    private Mode mode = Mode.PENDING; // guarded by this

    private SseStream stream; // guarded by this

    PostResponse(AsyncContext async, HttpServletResponse response, JsonRpcCodec codec, boolean jsonAllowed,
            boolean sseAllowed, SseKeepAlive keepAlive) {
        this.async = async;
        this.response = response;
        this.codec = codec;
        this.jsonAllowed = jsonAllowed;
        this.sseAllowed = sseAllowed;
        this.keepAlive = keepAlive;
    }

    /** Sets a header of the response; only has an effect before anything is written. */
    synchronized void header(String name, String value) {
        if (mode == Mode.PENDING) {
            response.setHeader(name, value);
        }
    }

    @Override
    public synchronized boolean send(JsonRpcMessage message) {
        if (mode == Mode.DONE || (mode == Mode.PENDING && !sseAllowed)) {
            return false;
        }
        return switchToSse().send(message);
    }

    /**
     * Sends the responses and ends the HTTP response. With no response at all (every request was cancelled by
     * the client) an SSE stream just ends, and an undecided response becomes 202 with no body.
     */
    synchronized void complete(List<JsonRpcMessage> responses, boolean batch) {
        if (mode == Mode.DONE) {
            return;
        }
        if (mode == Mode.PENDING && responses.isEmpty()) {
            mode = Mode.DONE;
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            async.complete();
            return;
        }
        if (mode == Mode.PENDING && jsonAllowed) {
            mode = Mode.DONE;
            writeJson(batch ? responses : responses.get(0));
            return;
        }
        SseStream sse = switchToSse();
        mode = Mode.DONE;
        responses.forEach(sse::send);
        sse.close();
    }

    @Override
    public synchronized boolean isOpen() {
        return mode != Mode.DONE && (stream == null || stream.isOpen());
    }

    @Override
    public synchronized void close() {
        if (stream != null) {
            stream.close();
        }
        else if (mode == Mode.PENDING) {
            async.complete();
        }
        mode = Mode.DONE;
    }

    private SseStream switchToSse() {
        if (stream == null) {
            mode = Mode.SSE;
            stream = new SseStream(async, response, codec);
            keepAlive.register(stream);
        }
        return stream;
    }

    private void writeJson(Object body) {
        try {
            byte[] json = codec.write(body);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
        }
        catch (IOException | IllegalStateException ex) {
            // the client went away before its answer; nothing else is waiting for it
        }
        finally {
            async.complete();
        }
    }
}
