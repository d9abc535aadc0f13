package dev.mcpspring.transport.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.SessionStoreUnavailableException;
import tools.jackson.databind.JsonNode;

/**
 * The response to a POST that carried requests. It stays undecided while the handlers run: if they finish
 * without sending anything it becomes one {@code application/json} body; the first message a handler sends
 * before its result turns it into an SSE stream that ends after the last response.
 * <p>
 * In a session, the SSE stream is opened through {@link SessionManager#openRequestStream}: its events get ids and
 * are kept, so the stream survives its HTTP connection. When the connection breaks (or is closed on purpose,
 * {@link #closeConnection()}), the handlers carry on and the client collects the rest, response included, with a
 * GET carrying {@code Last-Event-ID}.
 */
final class PostResponse implements MessageSink {

    private enum Mode {
        PENDING, SSE, DONE
    }

    /** {@code null} when the answer is written on the request's thread, before the servlet returns. */
    private final @Nullable AsyncContext async;

    private final HttpServletResponse response;

    private final JsonRpcCodec codec;

    private final boolean jsonAllowed;

    private final boolean sseAllowed;

    private final SseConnections sseConnections;

    private final SessionManager sessions;

    private final McpSession session;

    private Mode mode = Mode.PENDING; // guarded by this

    private SseStream connection; // guarded by this

    private MessageSink stream; // guarded by this: the session's stream on the connection, or the connection

    private @Nullable List<Runnable> disconnectListeners; // guarded by this; made for the first one

    /** The ids of the requests this response answers. */
    private final List<JsonNode> requestIds;

    /**
     * The response of an asynchronous request, JSON or SSE as the handlers and {@code Accept} decide; see
     * {@link #answeredHere} for the other kind.
     */
    PostResponse(@Nullable AsyncContext async, HttpServletResponse response, JsonRpcCodec codec,
            boolean jsonAllowed, boolean sseAllowed, SseConnections sseConnections, SessionManager sessions,
            McpSession session, List<JsonNode> requestIds) {
        this.requestIds = requestIds;
        this.async = async;
        this.response = response;
        this.codec = codec;
        this.jsonAllowed = jsonAllowed;
        this.sseAllowed = sseAllowed;
        this.sseConnections = sseConnections;
        this.sessions = sessions;
        this.session = session;
    }

    /**
     * The JSON answer of requests that run on the request's thread and cannot send anything before it (see
     * {@link RequestThreadExecutor}): written before the servlet returns, without an asynchronous request, as a
     * controller's. Messages sent before it are dropped, as they are for a client that does not accept SSE.
     */
    static PostResponse answeredHere(HttpServletResponse response, JsonRpcCodec codec, SseConnections sseConnections,
            SessionManager sessions, McpSession session, List<JsonNode> requestIds) {
        return new PostResponse(null, response, codec, true, false, sseConnections, sessions, session, requestIds);
    }

    /** Sets a header of the response; only has an effect before anything is written. */
    synchronized void header(String name, String value) {
        if (mode == Mode.PENDING) {
            response.setHeader(name, value);
        }
    }

    /**
     * Whether the connection may be closed before the stream ends (SEP-1699 polling): the client accepts SSE and
     * negotiated 2025-11-25 or later in a session, so it got a priming event and can resume.
     */
    boolean supportsPolling() {
        return sseAllowed && session.id() != null && session.isInitialized()
                && ProtocolVersion.supportsSsePolling(session.protocolVersion());
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
        complete(responses, batch, HttpServletResponse.SC_OK);
    }

    /** {@link #complete(List, boolean)} with the HTTP status of a JSON answer (an SSE stream is always 200). */
    synchronized void complete(List<JsonRpcMessage> responses, boolean batch, int jsonStatus) {
        if (mode == Mode.DONE) {
            return;
        }
        if (mode == Mode.PENDING && responses.isEmpty()) {
            mode = Mode.DONE;
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            end();
            return;
        }
        if (mode == Mode.PENDING && jsonAllowed) {
            mode = Mode.DONE;
            writeJson(batch ? responses : responses.get(0), jsonStatus);
            return;
        }
        MessageSink sse = switchToSse();
        mode = Mode.DONE;
        responses.forEach(sse::send);
        sse.close();
    }

    /**
     * Answers with {@code response} as {@link #complete} does; the handler's own answer later changes nothing. An
     * answer written on the request's thread cannot be written from another one meanwhile.
     */
    @Override
    public synchronized boolean finish(JsonRpcMessage response) {
        if (async == null) {
            return false;
        }
        complete(List.of(response), false);
        return true;
    }

    @Override
    public synchronized boolean isOpen() {
        return mode != Mode.DONE && (stream == null || stream.isOpen());
    }

    /**
     * Closes the HTTP connection now, right after the priming event, without ending the stream: what the handler
     * sends from now on, its response included, waits for the client's GET with {@code Last-Event-ID}.
     *
     * @return {@code false} when the client could not resume ({@link #supportsPolling()}), or the response is over
     */
    @Override
    public synchronized boolean closeConnection() {
        if (mode == Mode.DONE || !supportsPolling()) {
            return false;
        }
        return switchToSse().closeConnection();
    }

    /**
     * Turns a response that is still undecided into an SSE stream with keep-alive comments (when the client
     * accepts SSE): a long request shows it is alive, and a client that went away is noticed.
     */
    synchronized void keepAlive() {
        if (mode == Mode.PENDING && sseAllowed) {
            switchToSse();
            connection.sendKeepAlive();
        }
    }

    /** Keeps {@code callback} for when the client goes away; an answer written here never learns of that. */
    @Override
    public void onDisconnect(Runnable callback) {
        if (async == null) { // no asynchronous request, no listener to call connectionLost
            return;
        }
        synchronized (this) {
            if (disconnectListeners == null) {
                disconnectListeners = new ArrayList<>(1);
            }
            disconnectListeners.add(callback);
        }
    }

    /**
     * The client went away (or the container gave up on the response): the stream of a session, if any, outlives
     * it; the {@linkplain #onDisconnect disconnect listeners} run.
     */
    void connectionLost() {
        SseStream open;
        synchronized (this) {
            open = connection;
            if (open == null && mode == Mode.PENDING) {
                mode = Mode.DONE;
                end();
            }
        }
        if (open != null) {
            // outside the lock: abort() waits for a writer, and a writer that finds the connection broken calls
            // back into this response (disconnected())
            open.abort();
        }
        disconnected();
    }

    private void disconnected() {
        List<Runnable> listeners;
        synchronized (this) {
            listeners = disconnectListeners;
            disconnectListeners = null;
        }
        if (listeners != null) { // run outside the lock: they may cancel a handler that is sending
            listeners.forEach(Runnable::run);
        }
    }

    @Override
    public synchronized void close() {
        if (stream != null) {
            stream.close();
        }
        else if (mode == Mode.PENDING) {
            end();
        }
        mode = Mode.DONE;
    }

    private MessageSink switchToSse() {
        if (stream == null) {
            mode = Mode.SSE;
            Assert.state(async != null, "an answer written on the request's thread has no SSE stream");
            connection = sseConnections.open(async, response);
            SseStream opened = connection;
            // a write (or keep-alive) that fails tells that the client went away
            opened.onClose(() -> {
                if (opened.isAborted()) {
                    disconnected();
                }
            });
            stream = connection;
            if (session.id() != null) {
                try {
                    stream = sessions.openRequestStream(session.id(), connection, requestIds);
                }
                catch (SessionClosedException | SessionStoreUnavailableException ex) {
                    // the session ended meanwhile, or its store is unreachable: answer on the connection alone
                }
            }
        }
        return stream;
    }

    private void writeJson(Object body, int status) {
        try {
            byte[] json = codec.write(body);
            response.setStatus(status);
            response.setContentType("application/json");
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
        }
        catch (IOException | IllegalStateException ex) {
            // the client went away before its answer; nothing else is waiting for it
        }
        finally {
            end();
        }
    }

    /** Ends the asynchronous request; an answer written on the request's thread ends as the servlet returns. */
    private void end() {
        if (async != null) {
            async.complete();
        }
    }
}
