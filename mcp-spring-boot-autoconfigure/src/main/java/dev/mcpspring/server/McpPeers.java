package dev.mcpspring.server;

import java.util.Optional;

import dev.mcpspring.session.SessionManager;

/**
 * Gives {@link PeerHandle}s bound to a session, for talking to a client outside any request: from a scheduled
 * job, an event listener or a task a tool started. Their messages go on the session's GET stream and wait there
 * until the client opens one.
 */
public class McpPeers {

    private final SessionManager sessions;

    private final DefaultPeerHandle.PeerContext context;

    McpPeers(SessionManager sessions, DefaultPeerHandle.PeerContext context) {
        this.sessions = sessions;
        this.context = context;
    }

    /** The handle of a live session; empty when the session is unknown, closed or expired. */
    public Optional<PeerHandle> forSession(String sessionId) {
        return sessions.find(sessionId).map(session -> new DefaultPeerHandle(session, null, null, null, context, null));
    }
}
