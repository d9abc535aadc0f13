package dev.mcpspring.bench.mcp;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.server.PeerHandle;

/** The tools the benchmark calls; the bare controller answers the first two with the same bytes. */
@Component
public class BenchTools {

    @McpTool(name = "echo", description = "Returns the message", readOnlyHint = true)
    public String echo(@McpToolParam(description = "The message") String message) {
        return message;
    }

    /** Sends one progress notification before the result, which turns the answer into an SSE stream. */
    @McpTool(name = "echo_progress", description = "Reports progress once, then returns the message",
            readOnlyHint = true)
    public String echoProgress(@McpToolParam(description = "The message") String message, PeerHandle peer) {
        peer.progress(1.0, 1.0, "echoing");
        return message;
    }

    /** One sampling round trip to the client, then its answer. */
    @McpTool(name = "sample", description = "Asks the client's model about the message and returns its answer",
            readOnlyHint = true)
    public String sample(@McpToolParam(description = "The message") String message, PeerHandle peer) {
        return peer.sample(SamplingRequest.ofUserText(message, 16)).text();
    }
}
