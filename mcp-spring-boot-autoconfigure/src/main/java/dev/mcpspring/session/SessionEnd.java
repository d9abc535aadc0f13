package dev.mcpspring.session;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A session has ended, as its {@link SessionManager} tells the listeners of {@link SessionManager#onSessionEnd}:
 * once per session, by the instance that ended it.
 *
 * @param sessionId       the session's id
 * @param protocolVersion the revision it negotiated, {@code null} when its {@code initialize} never succeeded
 * @param duration        how long it lived, from its creation until it ended
 * @param reason          why it ended
 */
public record SessionEnd(String sessionId, @Nullable String protocolVersion, Duration duration, Reason reason) {

    /** Why a session ended. */
    public enum Reason {

        /** Closed: the client's {@code DELETE}, or the application or the server closed it. */
        CLOSED,

        /** Idle for longer than the session time-out. */
        EXPIRED,

        /** Closed to make room for a new session at the session limit ({@code evict-idle-on-limit}). */
        EVICTED,

        /** The server shut down, and the session with it (only sessions that live in its memory). */
        SHUTDOWN
    }
}
