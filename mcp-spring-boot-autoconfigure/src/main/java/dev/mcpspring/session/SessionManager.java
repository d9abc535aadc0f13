package dev.mcpspring.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcMessage;
import tools.jackson.databind.JsonNode;

/**
 * Owns the MCP sessions of this server: creating, finding and closing them, idle expiry, and everything that
 * must reach a session whichever node holds it: messages for its standalone (GET) stream, responses to the
 * requests this server sent to the client, cancellations of the requests it is handling, and the
 * {@link EventStore} that lets a client resume an SSE stream with {@code Last-Event-ID}.
 * <p>
 * The default {@link InMemorySessionManager} keeps all of it in this JVM. An implementation backed by an
 * external store routes {@link #sendToSession} and {@link #deliverResponse} to the node that holds the open
 * stream or the waiting call, so none of the protocol code needs to know where a session lives.
 */
public interface SessionManager {

    /**
     * Creates a session for an {@code initialize} request.
     *
     * @param principal the authenticated principal's name, or {@code null}
     * @throws SessionLimitExceededException when the maximum number of sessions is reached
     */
    McpSession create(@Nullable String principal);

    /** The live session with this id; empty when unknown, closed or expired. */
    Optional<McpSession> find(String sessionId);

    /**
     * Closes a session, its streams, its pending requests to the client and the requests it is handling;
     * {@code false} when there was no such session.
     */
    boolean close(String sessionId);

    /** How many sessions are live now. */
    int sessionCount();

    /**
     * Calls {@code listener} whenever a session ends (closed, expired, evicted, or lost with the server), once per
     * session, on the instance that ended it: where several instances share the sessions, only one of them reports
     * an end. The listener runs on the thread that ended the session and must be quick. The default, for a
     * manager that does not report ends, never calls it.
     */
    default void onSessionEnd(Consumer<SessionEnd> listener) {
    }

    /**
     * Marks the start of work for the session (a request being handled); the session does not expire until the
     * returned handle is closed, and its idle time is measured from then.
     *
     * @throws SessionClosedException when the session is closed or expired (atomically with expiry)
     */
    Activity beginActivity(String sessionId);

    /**
     * Attaches the session's standalone stream (the client's GET without {@code Last-Event-ID}). A client of
     * 2025-11-25 or later gets a priming event first; then the messages queued while no connection was open are
     * sent. The stream keeps the session alive until it closes.
     *
     * @throws StreamConflictException when the session already has an open standalone stream
     * @throws SessionClosedException   when the session is closed or expired
     */
    Activity openStandaloneStream(String sessionId, MessageSink stream);

    /**
     * Sends a message not tied to any request (a notification or a server-to-client request) to the session's
     * standalone stream, queueing it until one is open.
     *
     * @return {@code false} when the session does not exist
     */
    boolean sendToSession(String sessionId, JsonRpcMessage message);

    /**
     * The store of the events sent on the sessions' SSE streams. The default implementation keeps none: a manager
     * that does not override the stream methods below offers no resumption.
     */
    default EventStore eventStore() {
        return EventStore.none();
    }

    /**
     * Opens the response stream of a request (the SSE response to a POST) on {@code connection}. Every message
     * sent through the returned sink gets an event id naming the stream and is kept in the {@link #eventStore()},
     * so the client can resume the stream after its connection broke or was closed with
     * {@link MessageSink#closeConnection()}; closing the returned sink ends the stream. A client that negotiated
     * 2025-11-25 or later receives a priming event at once.
     * <p>
     * The default implementation offers no resumption: it returns {@code connection} itself.
     *
     * @throws SessionClosedException when the session is closed or expired
     */
    default MessageSink openRequestStream(String sessionId, MessageSink connection) {
        return connection;
    }

    /**
     * {@link #openRequestStream(String, MessageSink)} for a stream that answers the requests {@code requestIds}: a
     * manager shared by several instances uses them to answer those requests with an error when the instance
     * running them goes away before it answered, so a client resuming the stream elsewhere is not left waiting.
     */
    default MessageSink openRequestStream(String sessionId, MessageSink connection, List<JsonNode> requestIds) {
        return openRequestStream(sessionId, connection);
    }

    /**
     * Resumes the stream that the event {@code lastEventId} belongs to on a new connection (the client's GET with
     * {@code Last-Event-ID}): every later event of that stream, and only of that stream, is sent on
     * {@code connection}; then the stream carries on there, or the connection is closed when the stream has ended
     * (a request's stream after its response). Like {@link #openStandaloneStream}, the connection keeps the
     * session alive until the returned handle is closed.
     *
     * @throws UnknownEventIdException when the id names no stream of the session, or events after it are gone
     * @throws SessionClosedException  when the session is closed or expired
     */
    default Activity resumeStream(String sessionId, String lastEventId, MessageSink connection) {
        throw new UnknownEventIdException(lastEventId);
    }

    /**
     * Ends the standalone stream of every session in this JVM, because the server is shutting down: the open
     * connection is closed after what was sent on it, and nothing more is sent or queued there. A client that
     * reconnects with {@code Last-Event-ID} gets what it missed and the end of the stream. The sessions live on
     * until they are closed.
     * <p>
     * The default implementation does nothing: a manager that keeps no connections open need not implement it.
     */
    default void endStandaloneStreams() {
    }

    /** Sends a message to every live session's standalone stream ({@code list_changed} notifications). */
    void sendToAll(JsonRpcMessage message);

    /**
     * Listens for what {@link #sendToAll} and {@link #sendToSubscribers} sent on the other instances that share
     * these sessions, so this instance can pass it to the clients it serves outside any session (the
     * {@code subscriptions/listen} streams of 2026-07-28 clients). The default, for a manager that only serves
     * this instance, never calls it.
     */
    default void onOtherInstancesNotification(Consumer<JsonRpcMessage> listener) {
    }

    /**
     * Records that the session wants {@code notifications/resources/updated} for {@code uri}. Subscriptions end with
     * the session, and concurrent subscribes and unsubscribes of one URI by different sessions must not lose each
     * other.
     *
     * @throws SessionClosedException when the session is closed or expired
     */
    void subscribe(String sessionId, String uri);

    /** Ends the session's subscription to {@code uri}; {@code false} when it had none. */
    boolean unsubscribe(String sessionId, String uri);

    /**
     * How many resources the session is subscribed to, which the server bounds
     * ({@code mcp.server.session.max-subscriptions}). The default, for a manager that does not count them, is 0:
     * no bound.
     */
    default int subscriptionCount(String sessionId) {
        return 0;
    }

    /** Sends a message to the standalone stream of every session subscribed to {@code uri}. */
    void sendToSubscribers(String uri, JsonRpcMessage message);

    /**
     * Registers a request this server is about to send to the client, so the client's response can be routed
     * back to the returned future.
     */
    CompletableFuture<JsonRpcMessage> expectResponse(String sessionId, JsonNode requestId);

    /**
     * Completes the pending request the client answered.
     *
     * @return {@code false} when no request with that id is pending in the session
     */
    boolean deliverResponse(String sessionId, JsonRpcMessage response);

    /** Stops tracking a pending request (for example after a timeout). */
    void forgetPending(String sessionId, JsonNode requestId);

    /**
     * Registers a client request that is being handled, so that the client's {@code notifications/cancelled}
     * (which may arrive on another node) and the end of the session reach it.
     *
     * @param cancel called when the request is cancelled, by the client or because the session closed
     * @return closing it unregisters the request
     * @throws DuplicateRequestIdException when a request with the same id is already being handled
     */
    Activity registerInFlight(String sessionId, JsonNode requestId, Consumer<Cancellation> cancel);

    /**
     * Cancels a request being handled in the session.
     *
     * @return {@code false} when no such request is in flight (it may have just finished)
     */
    boolean cancelInFlight(String sessionId, JsonNode requestId, String reason);

    /**
     * Why a request being handled was cancelled.
     *
     * @param byClient {@code true} for the client's {@code notifications/cancelled}, {@code false} when the session
     *                 closed
     * @param reason   the reason given, or {@code null}
     */
    record Cancellation(boolean byClient, @Nullable String reason) {
    }

    /** A unit of work or an open stream that keeps a session alive; closing it is idempotent. */
    interface Activity extends AutoCloseable {

        @Override
        void close();
    }
}
