package dev.mcpspring.transport.stdio;

import org.springframework.context.SmartLifecycle;

/**
 * The MCP server over stdio: newline-delimited JSON-RPC messages read from {@link StdioStreams#input()} and written
 * to {@link StdioStreams#output()}, the process's standard input and output by default. The auto-configuration
 * registers it as the bean {@code mcpStdioTransport} when {@code mcp.server.transport.type=stdio}; it starts
 * reading with the application context, and the end of its input (the client closed the pipe) closes the context,
 * so the process exits. Name this type to find that bean; its implementation is internal.
 */
public interface StdioTransport extends SmartLifecycle {

    /**
     * Whether the client can still be heard: the input has not ended and the output has not failed.
     */
    boolean isConnected();
}
