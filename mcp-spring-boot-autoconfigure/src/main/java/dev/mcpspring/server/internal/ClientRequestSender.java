package dev.mcpspring.server.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.CancelledNotification;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.McpPeerErrorException;
import dev.mcpspring.server.McpPeerException;
import dev.mcpspring.server.McpPeerTimeoutException;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.McpRequestObserver;
import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Sends requests from the server to the client and turns the client's answers into typed results. The response
 * is routed back through the {@link SessionManager}, so it may arrive on any node; no thread waits for it.
 */
final class ClientRequestSender {

    private static final Log logger = LogFactory.getLog(ClientRequestSender.class);

    /** Makes ids unique across nodes that share sessions: a random prefix per JVM, then a counter. */
    private static final String NODE_PREFIX = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);

    private final AtomicLong counter = new AtomicLong();

    /** The calls of this JVM still waiting for the client's answer. */
    private final Set<Call<?>> open = ConcurrentHashMap.newKeySet();

    /** Set while the server shuts down: every call is refused, and those waiting were withdrawn. */
    private volatile String refusal;

    private final SessionManager sessions;

    private final JsonRpcCodec codec;

    private final McpRequestObserver observer;

    ClientRequestSender(SessionManager sessions, JsonRpcCodec codec) {
        this(sessions, codec, McpRequestObserver.NONE);
    }

    ClientRequestSender(SessionManager sessions, JsonRpcCodec codec, McpRequestObserver observer) {
        this.sessions = sessions;
        this.codec = codec;
        this.observer = observer;
    }

    /** How many calls of this JVM wait for the client's answer now. */
    int pendingCount() {
        return open.size();
    }

    <T> CompletableFuture<T> send(McpSession session, @Nullable MessageSink stream, String method,
            @Nullable Object params, Class<T> resultType, Duration timeout) {
        return send(session, stream, method, params, resultType, timeout, TransportInfo.UNKNOWN);
    }

    /**
     * Sends a request and completes the returned future with the client's result bound to {@code resultType}.
     *
     * @param stream where to send it: a request's response stream, or {@code null} for the session's GET stream
     * @param params    the params, or {@code null} for none
     * @param transport how the client is reached, for the observation of the call
     */
    <T> CompletableFuture<T> send(McpSession session, @Nullable MessageSink stream, String method,
            @Nullable Object params, Class<T> resultType, Duration timeout, TransportInfo transport) {
        if (session.id() == null) {
            return stateless(method);
        }
        String refused = refusal;
        if (refused != null) {
            return CompletableFuture.failedFuture(new McpRequestCancelledException("Cannot send " + method
                    + " to the client: " + refused));
        }
        JsonNode id = StringNode.valueOf(NODE_PREFIX + "-" + counter.incrementAndGet());
        CompletableFuture<JsonRpcMessage> pending = sessions.expectResponse(session.id(), id);
        // the observer may add the trace context to the params' _meta, a ping's too
        JsonNode tree = params == null ? codec.mapper().createObjectNode() : codec.toTree(params);
        McpRequestObserver.Scope scope = observer.startClientRequest(new MessageContext(method, id, session.id(),
                session.protocolVersion(), tree, transport));
        // no params (ping) means no "params" member: JSON-RPC allows only an object or array there, not null
        JsonRpcMessage.Request request = new JsonRpcMessage.Request(id, method,
                params == null && tree.isEmpty() ? null : tree);
        // the request's own stream when it can carry it (the client accepts SSE and the request is still open),
        // else the session's GET stream, where it waits until the client opens one
        boolean sent = (stream != null && stream.send(request)) || sessions.sendToSession(session.id(), request);
        if (!sent) {
            sessions.forgetPending(session.id(), id);
            McpRequestCancelledException failure = new McpRequestCancelledException("Cannot send " + method
                    + " to the client: its session is closed");
            scope.error(failure);
            scope.close();
            return CompletableFuture.failedFuture(failure);
        }
        Call<T> result = new Call<>(session, stream, id, method, timeout, pending);
        if (scope != McpRequestObserver.Scope.NONE) {
            result.whenComplete((value, error) -> {
                if (error != null) {
                    Throwable cause = unwrap(error);
                    scope.error(cause);
                    if (cause instanceof McpPeerErrorException answered) {
                        scope.errorResponse(answered.error());
                    }
                }
                scope.close();
            });
        }
        pending.whenComplete((answer, error) -> {
            Throwable cause = error == null ? null : unwrap(error);
            if (cause == null) {
                complete(result, method, answer, resultType);
            }
            else if (cause instanceof SessionClosedException) {
                result.fail(new McpRequestCancelledException("The session closed while waiting for the client to "
                        + "answer " + method));
            }
            else if (!(cause instanceof Withdrawn)) { // a withdrawal is ended by whoever withdrew
                result.fail(cause);
            }
        });
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        open.add(result);
        result.whenComplete((value, error) -> open.remove(result));
        if (refusal != null) { // withdrawAll ran while this call was being sent
            result.withdrawBecause(refusal);
        }
        return result;
    }

    /**
     * Withdraws every call waiting for the client's answer ({@code notifications/cancelled} with {@code reason}
     * goes to the client) and refuses every later one, until {@link #accept()}: the waiting code sees a
     * {@link McpRequestCancelledException}. Used when the server shuts down.
     */
    void withdrawAll(String reason) {
        refusal = reason;
        open.forEach(call -> call.withdrawBecause(reason));
    }

    /** Accepts calls to the client again after {@link #withdrawAll}. */
    void accept() {
        refusal = null;
    }

    /**
     * The failure of every call to the client in stateless mode, checked before anything else (such as the
     * client's capabilities, which a stateless request does not carry).
     */
    static <T> CompletableFuture<T> stateless(String method) {
        return CompletableFuture.failedFuture(new McpPeerException("Cannot send " + method + " to the client: the "
                + "server is stateless (mcp.server.session.stateless=true), so no answer could reach it"));
    }

    private <T> void complete(Call<T> result, String method, JsonRpcMessage answer, Class<T> type) {
        if (answer instanceof JsonRpcMessage.ErrorResponse error) {
            result.fail(new McpPeerErrorException(method, error.error()));
            return;
        }
        try {
            result.complete(ClientResults.bind(codec, method, ((JsonRpcMessage.Response) answer).result(), type));
        }
        catch (McpPeerException ex) {
            result.fail(ex);
        }
    }

    private void cancelOnClient(McpSession session, MessageSink stream, JsonNode id, String reason) {
        JsonRpcMessage cancel = new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_CANCELLED,
                codec.toTree(new CancelledNotification(id, reason)));
        if (stream == null || !stream.send(cancel)) {
            sessions.sendToSession(session.id(), cancel);
        }
        logger.debug("Cancelled request " + id + " to the client: " + reason);
    }

    /**
     * The future of one call to the client. Whoever ends it before the client answered (its time-out, the
     * cancellation of the request being handled, an interrupted wait) withdraws the request first: it stops
     * waiting for the answer and sends {@code notifications/cancelled}, and only then does the waiting code see
     * the failure. So the cancellation reaches the request's stream before the handler can finish and close it.
     */
    private final class Call<T> extends CompletableFuture<T> {

        private final McpSession session;

        private final MessageSink stream;

        private final JsonNode id;

        private final String method;

        private final Duration timeout;

        private final CompletableFuture<JsonRpcMessage> pending;

        Call(McpSession session, MessageSink stream, JsonNode id, String method, Duration timeout,
                CompletableFuture<JsonRpcMessage> pending) {
            this.session = session;
            this.stream = stream;
            this.id = id;
            this.method = method;
            this.timeout = timeout;
            this.pending = pending;
        }

        /** Ends the call early; a {@link TimeoutException} (from {@link #orTimeout}) becomes the peer time-out. */
        @Override
        public boolean completeExceptionally(Throwable failure) {
            if (isDone()) {
                return false;
            }
            boolean timedOut = failure instanceof TimeoutException;
            withdraw(timedOut ? "timed out" : "no longer needed");
            return super.completeExceptionally(timedOut ? new McpPeerTimeoutException(method, timeout) : failure);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (isDone()) {
                return false;
            }
            withdraw("no longer needed");
            return super.cancel(mayInterruptIfRunning);
        }

        /** Withdraws the request from the client and ends the call with {@link McpRequestCancelledException}. */
        void withdrawBecause(String reason) {
            if (!isDone()) {
                withdraw(reason);
                super.completeExceptionally(new McpRequestCancelledException("The wait for the client's answer to "
                        + method + " ended: " + reason));
            }
        }

        /** Ends the call with the outcome of the client's answer (or of the session's end): nothing to withdraw. */
        void fail(Throwable failure) {
            super.completeExceptionally(failure);
        }

        private void withdraw(String reason) {
            if (pending.completeExceptionally(Withdrawn.INSTANCE)) { // else the client has answered already
                sessions.forgetPending(session.id(), id);
                cancelOnClient(session, stream, id, reason);
            }
        }
    }

    /** Ends the wait for an answer that is no longer wanted. */
    private static final class Withdrawn extends RuntimeException {

        static final Withdrawn INSTANCE = new Withdrawn();

        private Withdrawn() {
            super("no longer waiting for the client's answer", null, false, false);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
