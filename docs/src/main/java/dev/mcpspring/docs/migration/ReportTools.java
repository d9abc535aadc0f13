package dev.mcpspring.docs.migration;

// tag::class[]
import java.util.List;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TypedElicitationResult;

@Component
class ReportTools {

    record Confirmation(boolean confirm) {}

    @McpTool(name = "process-data", description = "Process data with the client's help")
    String processData(@McpToolParam(description = "Data to process") String data, PeerHandle peer) {
        peer.log(LoggingLevel.INFO, "reports", "Processing data: " + data);    // exchange.loggingNotification(...)
        peer.progress(0.5, 1.0, "Processing...");                               // exchange.progressNotification(...)
        peer.ping();                                                            // exchange.ping()
        if (peer.clientSupport().roots()) {                                     // context.rootsEnabled()
            List<Root> roots = peer.listRoots();                                // exchange.listRoots()
            peer.log(LoggingLevel.DEBUG, "reports", roots.size() + " roots");
        }
        if (peer.clientSupport().formElicitation()) {                           // context.elicitEnabled()
            TypedElicitationResult<Confirmation> answer =                       // context.elicit(Confirmation.class)
                peer.elicit("Process " + data + "?", Confirmation.class);
            if (!answer.isAccepted() || !answer.content().confirm()) {
                return "not processed";
            }
        }
        if (peer.clientSupport().sampling()) {                                  // context.sampleEnabled()
            return peer.sampleText("Summarise: " + data, 200);                  // exchange.createMessage(...)
        }
        return "Processed: " + data.toUpperCase();
    }
}
// end::class[]
