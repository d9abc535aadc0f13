package dev.mcpspring.session;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The id of an SSE event: {@code <streamId>:<sequence>}. The stream id names the stream the event belongs to (a
 * request's response stream or the session's GET stream) and is unique in the session; the sequence counts the
 * events of that stream from 0. So every event id is unique in its session, and a {@code Last-Event-ID} says which
 * stream to resume and where.
 *
 * @param streamId the stream, without {@code ':'}
 * @param sequence the position of the event in its stream, from 0
 */
public record EventId(String streamId, long sequence) {

    public EventId {
        if (streamId == null || streamId.isEmpty() || streamId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("A stream id must be non-empty and must not contain ':': " + streamId);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("An event sequence must not be negative: " + sequence);
        }
    }

    /** Reads an event id; empty when it is not of the form {@code <streamId>:<sequence>}. */
    public static Optional<EventId> parse(@Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1 || value.indexOf(':') != colon || colon > 64) {
            return Optional.empty();
        }
        String digits = value.substring(colon + 1);
        if (digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new EventId(value.substring(0, colon), Long.parseLong(digits)));
    }

    @Override
    public String toString() {
        return streamId + ":" + sequence;
    }
}
