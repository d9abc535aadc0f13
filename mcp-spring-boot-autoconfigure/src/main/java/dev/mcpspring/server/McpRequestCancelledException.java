package dev.mcpspring.server;

/**
 * The wait for the client ended because the request being handled was cancelled by the client, its session
 * closed, or the waiting thread was interrupted.
 */
public class McpRequestCancelledException extends McpPeerException {

    public McpRequestCancelledException(String message) {
        super(message);
    }
}
