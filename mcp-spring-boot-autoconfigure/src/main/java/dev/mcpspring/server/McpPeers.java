package dev.mcpspring.server;

import java.util.Optional;

/**
 * Gives {@link PeerHandle}s bound to a session, for talking to a client outside any request: from a scheduled
 * job, an event listener or a task a tool started. Their messages go on the session's GET stream and wait there
 * until the client opens one. The starter provides the bean; inject it where needed.
 */
public interface McpPeers {

    /** The handle of a live session; empty when the session is unknown, closed or expired. */
    Optional<PeerHandle> forSession(String sessionId);
}
