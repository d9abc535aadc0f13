package dev.mcpspring.session;

/**
 * A {@code Last-Event-ID} names no stream of the session that can be resumed: it is malformed, belongs to another
 * session, was never sent, or events after it are no longer kept.
 */
public class UnknownEventIdException extends RuntimeException {

    private final String lastEventId;

    public UnknownEventIdException(String lastEventId) {
        super("Last-Event-ID '" + lastEventId + "' names no stream of this session that can be resumed: it is "
                + "unknown, or events after it have expired from the event store", null, false, false);
        this.lastEventId = lastEventId;
    }

    /** The id the client sent. */
    public String lastEventId() {
        return lastEventId;
    }
}
