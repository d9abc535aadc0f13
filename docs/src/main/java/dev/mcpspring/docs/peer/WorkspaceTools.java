package dev.mcpspring.docs.peer;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.server.PeerHandle;

@Component
class WorkspaceTools {

    // tag::roots-and-url[]
    @McpTool(description = "List the client's workspace folders")
    List<String> workspaceFolders(PeerHandle peer) {
        peer.ping(Duration.ofSeconds(2));                                   // is the client still there?
        List<Root> roots = peer.listRoots();                                 // roots/list
        peer.log(LoggingLevel.INFO, "workspace", "found " + roots.size() + " roots");
        return roots.stream().map(Root::uri).toList();
    }

    @McpTool(description = "Connect the user's calendar")
    String connectCalendar(PeerHandle peer) {
        String id = UUID.randomUUID().toString();
        ElicitationResult consent = peer.elicitUrl("Sign in to your calendar", "https://calendar.example/oauth?state=" + id, id);
        return consent.isAccepted() ? "waiting for the sign-in to finish" : "not connected";
    }
    // end::roots-and-url[]
}
