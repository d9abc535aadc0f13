package dev.mcpspring.server;

import dev.mcpspring.protocol.CallToolResult;

/**
 * Runs one tool. Returning a result with {@code isError: true} reports a failure to the model; throwing
 * {@link dev.mcpspring.protocol.McpException} answers the request with a protocol error instead.
 */
@FunctionalInterface
public interface ToolHandler {

    /** Calls the tool with the arguments of one {@code tools/call} request. */
    CallToolResult call(ToolInvocation invocation);

    /**
     * Whether a call may run on the thread the server's container serves the request on, as a controller method
     * does, instead of being handed to the handler executor. Only a handler that uses no {@link PeerHandle} nor a
     * result computed elsewhere may say so. A wait for the client (sampling, elicitation, roots) would hold a
     * container thread that the client's answer may need. And the answer of such a call is written as plain JSON, as
     * a controller's, so progress and log messages sent before it would not reach the client. Saying so saves the
     * hand-over of every call to another thread. {@code false} unless overridden.
     * <p>
     * {@code @McpTool} methods that take neither a {@link PeerHandle} nor a {@link McpRequestContext} and return a
     * value (not a {@code CompletionStage} or a {@code Mono}) run on the request's thread. An application's own
     * {@code mcpHandlerExecutor} bean runs every call, whatever this says.
     */
    default boolean runsOnRequestThread() {
        return false;
    }
}
