package dev.mcpspring.server;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mcpspring.protocol.CancelledNotification;
import dev.mcpspring.protocol.JsonBindingMessages;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionManager;
import tools.jackson.core.JacksonException;
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

    private final SessionManager sessions;

    private final JsonRpcCodec codec;

    ClientRequestSender(SessionManager sessions, JsonRpcCodec codec) {
        this.sessions = sessions;
        this.codec = codec;
    }

    /**
     * Sends a request and completes the returned future with the client's result bound to {@code resultType}.
     *
     * @param stream where to send it: a request's response stream, or {@code null} for the session's GET stream
     */
    <T> CompletableFuture<T> send(McpSession session, MessageSink stream, String method, Object params,
            Class<T> resultType, Duration timeout) {
        if (session.id() == null) {
            return CompletableFuture.failedFuture(new McpPeerException("Cannot send " + method + " to the client: "
                    + "the server is stateless (mcp.server.session.stateless=true), so no answer could reach it"));
        }
        JsonNode id = StringNode.valueOf(NODE_PREFIX + "-" + counter.incrementAndGet());
        CompletableFuture<JsonRpcMessage> pending = sessions.expectResponse(session.id(), id);
        JsonRpcMessage.Request request = new JsonRpcMessage.Request(id, method, codec.toTree(params));
        // the request's own stream when it can carry it (the client accepts SSE and the request is still open),
        // else the session's GET stream, where it waits until the client opens one
        boolean sent = (stream != null && stream.send(request)) || sessions.sendToSession(session.id(), request);
        if (!sent) {
            sessions.forgetPending(session.id(), id);
            return CompletableFuture.failedFuture(new McpRequestCancelledException("Cannot send " + method
                    + " to the client: its session is closed"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        pending.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((answer, error) -> {
            if (error == null) {
                complete(result, method, answer, resultType);
            }
            else if (unwrap(error) instanceof TimeoutException) {
                result.completeExceptionally(new McpPeerTimeoutException(method, timeout));
            }
            else if (unwrap(error) instanceof SessionClosedException) {
                result.completeExceptionally(new McpRequestCancelledException("The session closed while waiting "
                        + "for the client to answer " + method));
            }
            else {
                result.completeExceptionally(unwrap(error));
            }
        });
        // whoever ends the wait early (time-out, cancellation of the tool's request) tells the client
        result.whenComplete((value, error) -> {
            if (!pending.isDone() || pending.isCompletedExceptionally()) {
                pending.completeExceptionally(new McpRequestCancelledException("no longer waiting"));
                sessions.forgetPending(session.id(), id);
                cancelOnClient(session, stream, id, error);
            }
        });
        return result;
    }

    private <T> void complete(CompletableFuture<T> result, String method, JsonRpcMessage answer, Class<T> type) {
        if (answer instanceof JsonRpcMessage.ErrorResponse error) {
            result.completeExceptionally(new McpPeerErrorException(method, error.error()));
            return;
        }
        JsonNode body = ((JsonRpcMessage.Response) answer).result();
        try {
            result.complete(codec.mapper().treeToValue(body, type));
        }
        catch (JacksonException ex) {
            result.completeExceptionally(new McpPeerException("The client's answer to " + method
                    + " is not a valid result: " + JsonBindingMessages.describe("result", ex, codec.mapper())));
        }
    }

    private void cancelOnClient(McpSession session, MessageSink stream, JsonNode id, Throwable why) {
        String reason = why instanceof McpPeerTimeoutException ? "timed out" : "no longer needed";
        JsonRpcMessage cancel = new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_CANCELLED,
                codec.toTree(new CancelledNotification(id, reason)));
        if (stream == null || !stream.send(cancel)) {
            sessions.sendToSession(session.id(), cancel);
        }
        logger.debug("Cancelled request " + id + " to the client: " + reason);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
