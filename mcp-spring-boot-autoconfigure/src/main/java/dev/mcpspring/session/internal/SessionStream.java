package dev.mcpspring.session.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.session.EventId;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.UnknownEventIdException;

/**
 * One SSE stream of a session as the protocol sees it: a request's response stream or the session's GET stream.
 * It outlives the HTTP connections that carry it: every message gets an {@link EventId} and goes to the
 * {@link EventStore} before it is written to the current connection, so when the connection breaks (or the
 * server closes it, SEP-1699 polling) the client resumes the stream with {@code Last-Event-ID} on a new one.
 * <p>
 * Clients that negotiated 2025-11-25 or later get a priming event (an id and empty data) as soon as a connection
 * is attached, so they can resume even before the first message. Older clients never see one: they fail on
 * its empty data.
 * <p>
 * Public for {@link SessionManager} implementations: the in-memory manager keeps every stream of a session here,
 * a shared manager keeps each stream on the instance that writes it.
 */
public final class SessionStream implements MessageSink {

    private static final Log logger = LogFactory.getLog(SessionStream.class);

    private final McpSession session;

    private final String streamId;

    /** Messages kept for the next connection when none takes them (GET stream only; 0 for request streams). */
    private final int maxUndelivered;

    private EventStore store; // guarded by this; null once the session closed

    private long nextSequence; // guarded by this

    private MessageSink connection; // guarded by this

    /** Whether the client has been given an event id of this stream, so it can resume it. */
    private boolean resumable; // guarded by this

    private boolean terminated; // guarded by this

    private ArrayDeque<EventStore.StoredEvent> undelivered; // guarded by this, created on first use

    private volatile Runnable onTerminate = () -> { };

    /**
     * A new stream, whose first event gets the sequence 0.
     *
     * @param maxUndelivered how many messages to keep for the next connection when none takes them (0: none)
     */
    public SessionStream(McpSession session, String streamId, EventStore store, int maxUndelivered) {
        this(session, streamId, store, maxUndelivered, 0);
    }

    /**
     * A stream that carries on after {@code nextSequence - 1} events already in {@code store} (another instance
     * wrote them and is gone): a client can resume after any of them.
     */
    public SessionStream(McpSession session, String streamId, EventStore store, int maxUndelivered,
            long nextSequence) {
        this.session = session;
        this.streamId = streamId;
        this.store = store;
        this.maxUndelivered = maxUndelivered;
        this.nextSequence = nextSequence;
    }

    /** The stream id, the first part of its event ids. */
    public String streamId() {
        return streamId;
    }

    /** Runs {@code action} once the stream has ended. */
    public void onTerminate(Runnable action) {
        this.onTerminate = action;
    }

    /** Whether a connection is attached and open. */
    public synchronized boolean hasOpenConnection() {
        return connection != null && connection.isOpen();
    }

    /**
     * Attaches a new connection that starts where the stream is now: the messages no connection took (GET stream),
     * then a priming event for clients that understand it, then everything sent from now on.
     */
    public synchronized void attach(MessageSink newConnection) {
        replaceConnection(newConnection);
        // what waited goes first, in the order of its ids, and the priming event's id after it: a client that
        // resumes from the last id it saw misses nothing
        if (undelivered != null && !undelivered.isEmpty()) {
            if (!newConnection.sendAll(streamId, List.copyOf(undelivered))) {
                connection = null;
                return;
            }
            resumable = true;
            undelivered = null;
        }
        if (ProtocolVersion.supportsSsePolling(session.protocolVersion())) {
            long sequence = nextSequence++;
            store(sequence, null);
            if (newConnection.prime(new EventId(streamId, sequence).toString())) {
                resumable = true;
            }
            else {
                connection = null;
            }
        }
    }

    /**
     * Resumes the stream on a new connection after the event {@code sequence} the client last received: replays
     * every later event, then carries the stream on (or ends the connection when the stream has ended).
     *
     * @throws UnknownEventIdException when the event was never sent or a later one is no longer kept
     */
    public synchronized void resume(MessageSink newConnection, long sequence, String lastEventId) {
        if (sequence >= nextSequence) {
            throw new UnknownEventIdException(lastEventId);
        }
        List<EventStore.StoredEvent> events = List.of();
        boolean ended = terminated;
        if (sequence < nextSequence - 1) { // the client missed something: only the store knows what
            Optional<EventStore.Replay> replay = store == null ? Optional.empty()
                    : store.replayAfter(session.id(), streamId, sequence);
            if (replay.isEmpty()) {
                throw new UnknownEventIdException(lastEventId);
            }
            events = replay.get().events();
        }
        replaceConnection(newConnection);
        if (!newConnection.sendAll(streamId, events)) {
            connection = null;
            return;
        }
        if (undelivered != null) {
            undelivered.clear(); // they came after the client's last event, so they were just replayed
        }
        if (ended) {
            connection = null;
            newConnection.close();
        }
    }

    /** Detaches {@code oldConnection} if it is still the current one (it closed). */
    public synchronized void detach(MessageSink oldConnection) {
        if (connection == oldConnection) {
            connection = null;
        }
    }

    @Override
    public synchronized boolean send(JsonRpcMessage message) {
        if (terminated) {
            return false;
        }
        boolean queues = maxUndelivered > 0;
        if (connection == null && !resumable && !queues) {
            return false; // nobody can ever receive it here: let the caller choose another way
        }
        EventId id = new EventId(streamId, nextSequence++);
        store(id.sequence(), message);
        if (connection != null) {
            if (connection.send(id.toString(), message)) {
                resumable = true;
                return true;
            }
            connection = null;
        }
        if (queues) {
            queue(id, message);
            return true;
        }
        return resumable;
    }

    @Override
    public synchronized boolean isOpen() {
        return !terminated;
    }

    /**
     * Closes the current connection without ending the stream, when the client can resume it; what is sent from
     * now on waits in the event store for the client's GET with {@code Last-Event-ID}.
     */
    @Override
    public boolean closeConnection() {
        MessageSink closing;
        synchronized (this) {
            if (terminated || !resumable) {
                return false;
            }
            closing = connection;
            connection = null;
        }
        if (closing != null) {
            closing.close();
        }
        return true;
    }

    /** Ends the stream: nothing follows what was sent; the current connection is closed. */
    @Override
    public void close() {
        MessageSink closing;
        synchronized (this) {
            if (terminated) {
                return;
            }
            terminated = true;
            if (store != null) {
                try {
                    store.terminate(session.id(), streamId);
                }
                catch (RuntimeException ex) {
                    // the stream ends here all the same: its owner knows, and so a resumption of it ends too
                    logger.warn("MCP session " + session.id() + ": the end of stream " + streamId
                            + " could not be stored: " + ex.getMessage());
                }
            }
            closing = connection;
            connection = null;
            undelivered = null;
        }
        if (closing != null) {
            closing.close();
        }
        onTerminate.run();
    }

    /** The session closed: stop storing events (the store forgets the session next). */
    public synchronized void detachStore() {
        store = null;
        undelivered = null;
    }

    private void replaceConnection(MessageSink newConnection) {
        MessageSink old = connection;
        connection = newConnection;
        if (old != null && old != newConnection) {
            old.close(); // a client that resumes has given up on the old connection
        }
    }

    /**
     * Keeps an event for resumption. A store that fails (Redis unreachable, say) does not stop the event's live
     * delivery: the event keeps its sequence, so a resumption from before it fails as unknown (the store never
     * replays across the gap) rather than the sequences clashing with an append that reached the store late.
     */
    private void store(long sequence, JsonRpcMessage message) {
        if (store == null) {
            return;
        }
        try {
            store.append(session.id(), streamId, sequence, message);
        }
        catch (RuntimeException ex) {
            logger.warn("MCP session " + session.id() + ": event " + new EventId(streamId, sequence)
                    + " could not be stored for resumption; it goes only to the open connection, if any: "
                    + ex.getMessage());
        }
    }

    private void queue(EventId id, JsonRpcMessage message) {
        if (undelivered == null) {
            undelivered = new ArrayDeque<>();
        }
        if (undelivered.size() >= maxUndelivered) {
            undelivered.pollFirst();
            logger.warn("MCP session " + session.id() + " has no open stream and more than " + maxUndelivered
                    + " queued messages; dropping the oldest");
        }
        undelivered.addLast(new EventStore.StoredEvent(id.sequence(), message));
    }
}
