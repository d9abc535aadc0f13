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
}
