package dev.mcpspring.server;

import org.jspecify.annotations.Nullable;

/**
 * A call from the server to the client through a {@link PeerHandle} did not give an answer. The subclasses say
 * why; tool code can catch this type to handle them all.
 */
public class McpPeerException extends RuntimeException {

    public McpPeerException(String message) {
        super(message);
    }

    public McpPeerException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
