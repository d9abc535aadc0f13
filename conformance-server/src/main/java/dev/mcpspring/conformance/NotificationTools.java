package dev.mcpspring.conformance;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;

/** Tools that talk back to the client while they run: log messages and progress. */
@Component
public class NotificationTools {

    private static final long STEP_MILLIS = 50;

    @McpTool(name = "test_tool_with_logging", description = "Tests tool that emits log messages during execution")
    public String toolWithLogging(PeerHandle peer) throws InterruptedException {
        peer.log(LoggingLevel.INFO, "conformance", "Tool execution started");
        Thread.sleep(STEP_MILLIS);
        peer.log(LoggingLevel.INFO, "conformance", "Tool processing data");
        Thread.sleep(STEP_MILLIS);
        peer.log(LoggingLevel.INFO, "conformance", "Tool execution completed");
        return "Tool with logging executed successfully";
    }

    @McpTool(name = "test_tool_with_progress", description = "Tests tool that reports progress notifications")
    public String toolWithProgress(PeerHandle peer, McpRequestContext context) throws InterruptedException {
        for (int step = 0; step <= 100; step += 50) {
            peer.progress(step, 100.0, "Completed step " + step + " of 100");
            if (step < 100) {
                Thread.sleep(STEP_MILLIS);
            }
        }
        return String.valueOf(context.progressToken());
    }
}
