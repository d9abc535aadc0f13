package dev.mcpspring.bench.quarkus;

import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;

/**
 * The tools the benchmark calls, as a Quarkus MCP user writes them: the same names, descriptions, argument and
 * answers as the starter's {@code dev.mcpspring.bench.mcp.BenchTools} ({@code echo}, {@code echo_progress}).
 * Blocking methods returning {@code String}: Quarkus MCP runs them on its worker pool (its default).
 */
public class BenchTools {

    @Tool(name = "echo", description = "Returns the message", annotations = @Tool.Annotations(readOnlyHint = true))
    String echo(@ToolArg(description = "The message") String message) {
        return message;
    }

    /**
     * Sends one progress notification before the result; Streamable HTTP then answers with an SSE stream (progress
     * event, result event), as the starter does. Without a progress token there is nothing to report to.
     */
    @Tool(name = "echo_progress", description = "Reports progress once, then returns the message",
            annotations = @Tool.Annotations(readOnlyHint = true))
    String echoProgress(@ToolArg(description = "The message") String message, Progress progress) {
        if (progress.token().isPresent()) {
            progress.notificationBuilder().setProgress(1.0).setTotal(1.0).setMessage("echoing").build()
                .sendAndForget();
        }
        return message;
    }
}
