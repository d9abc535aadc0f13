package dev.mcpspring.session;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcMessage;

/**
 * Keeps the events sent on a session's SSE streams, so that a client whose connection broke (or was closed by the
 * server, SEP-1699 polling) can resume a stream with {@code Last-Event-ID} and receive exactly the events it
 * missed. The {@link SessionManager} owns it; the stream code appends every event before writing it.
 * <p>
 * Implementations must stay bounded: they may forget events (too many in one stream, too old, too many streams in
 * one session), but never in the middle of what they replay: {@link #replayAfter} answers with every event after
 * the given one, or with nothing at all when any of them is gone. The default is {@link InMemoryEventStore}; one
 * backed by an external store lets a stream sent by one node be resumed on another.
 */
public interface EventStore {

    /**
     * Stores one event of a stream. Events of a stream are appended in sequence order, starting at 0, without gaps.
     *
     * @param sessionId the session
     * @param streamId  the stream (unique in the session)
     * @param sequence  the event's position in the stream
     * @param message   the message, or {@code null} for a priming event (an id with empty data)
     */
    void append(String sessionId, String streamId, long sequence, @Nullable JsonRpcMessage message);

    /** Records that the stream has ended: its last event was appended (the response, for a request's stream). */
    void terminate(String sessionId, String streamId);

    /**
     * The events of a stream after {@code sequence}, in order.
     *
     * @return empty when the stream is unknown, {@code sequence} was never appended, or an event after it is no
     *         longer kept (evicted or expired): a partial replay would silently lose messages
     */
    Optional<Replay> replayAfter(String sessionId, String streamId, long sequence);

    /** Forgets every stream of the session (it was closed). */
    void removeSession(String sessionId);

    /** Drops what has expired; called periodically by the session manager. */
    default void evictExpired() {
    }

    /** A store that keeps nothing: streams cannot be resumed. */
    static EventStore none() {
        return NoEventStore.INSTANCE;
    }

    /**
     * What a resumed stream must still deliver.
     *
     * @param events     the events after the requested one, in order (priming events included)
     * @param terminated whether the stream has ended, so nothing follows these events
     */
    record Replay(List<StoredEvent> events, boolean terminated) {

        public Replay {
            events = List.copyOf(events);
        }
    }

    /**
     * One stored event.
     *
     * @param sequence its position in its stream
     * @param message  the message, or {@code null} for a priming event
     */
    record StoredEvent(long sequence, @Nullable JsonRpcMessage message) {

        /** Whether this is a priming event, which carries no message. */
        public boolean isPriming() {
            return message == null;
        }
    }
}
