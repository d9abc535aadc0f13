package dev.mcpspring.docs.peer;

import org.springframework.stereotype.Component;

import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.server.McpPeers;

@Component
class ExportNotifier {

    private final McpPeers peers;

    ExportNotifier(McpPeers peers) {
        this.peers = peers;
    }

    // tag::session-peer[]
    void exportFinished(String sessionId, String file) {
        peers.forSession(sessionId)              // empty when the session is gone
            .ifPresent(peer -> peer.log(LoggingLevel.NOTICE, "exports", "Export ready: " + file));
    }
    // end::session-peer[]
}
