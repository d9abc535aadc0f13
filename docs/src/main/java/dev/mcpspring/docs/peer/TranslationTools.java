package dev.mcpspring.docs.peer;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.server.PeerHandle;

@Component
class TranslationTools {

    // tag::client-support[]
    @McpTool(description = "Translate a text into English with the client's model")
    CallToolResult translate(String text, PeerHandle peer) {
        if (!peer.clientSupport().sampling()) {
            return CallToolResult.error("This client has no language model to lend; translate the text yourself");
        }
        return CallToolResult.text(peer.sampleText("Translate into English:\n" + text, 500));
    }
    // end::client-support[]
}
