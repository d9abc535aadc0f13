package dev.mcpspring.conformance;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.server.McpRequestContext;

/** SSE polling (SEP-1699): a tool that closes its own stream's connection and answers after the client is back. */
@Component
public class ReconnectionTools {

    private static final long PAUSE_MILLIS = 100;

    @McpTool(name = "test_reconnection", description = "Tests SSE stream disconnection and client reconnection "
            + "(SEP-1699). Server will close the stream mid-call and send the result after client reconnects.")
    public String reconnection(McpRequestContext context) throws InterruptedException {
        // priming event (id + retry), then the connection closes; the result waits in the event store for the
        // client's GET with Last-Event-ID
        context.closeSseStream();
        Thread.sleep(PAUSE_MILLIS);
        return "Reconnection test completed successfully. If you received this, the client properly reconnected "
                + "after stream closure.";
    }
}
