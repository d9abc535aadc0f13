package dev.mcpspring.server.internal;

import java.util.Optional;

import dev.mcpspring.server.McpPeers;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.session.SessionManager;

/** The {@link McpPeers} of a server: handles on the sessions' GET streams, found through the session manager. */
final class SessionPeers implements McpPeers {

    private final SessionManager sessions;

    private final DefaultPeerHandle.PeerContext context;

    SessionPeers(SessionManager sessions, DefaultPeerHandle.PeerContext context) {
        this.sessions = sessions;
        this.context = context;
    }

    @Override
    public Optional<PeerHandle> forSession(String sessionId) {
        return sessions.find(sessionId).map(session -> new DefaultPeerHandle(session, null, null, null, context, null,
                TransportInfo.UNKNOWN));
    }
}
