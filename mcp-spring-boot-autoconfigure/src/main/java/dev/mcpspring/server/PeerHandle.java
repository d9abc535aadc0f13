package dev.mcpspring.server;

import dev.mcpspring.protocol.LoggingLevel;

/**
 * Talks back to the client while a request is being handled. Messages sent through it travel on the
 * request's own response stream, which turns into an SSE stream at the first one.
 * <p>
 * A {@code @McpTool} method receives it by declaring a parameter of this type.
 */
public interface PeerHandle {

    /**
     * Reports progress with {@code notifications/progress}; does nothing when the client sent no progress token.
     *
     * @param progress progress so far, increasing with every call
     * @param total    the total when known, else {@code null}
     * @param message  what is happening now, or {@code null}
     */
    void progress(double progress, Double total, String message);

    /**
     * Sends a log message ({@code notifications/message}) when {@code level} is at or above the level the
     * client set with {@code logging/setLevel}.
     *
     * @param level  severity
     * @param logger name of the logger, or {@code null}
     * @param data   any value that serialises to JSON
     */
    void log(LoggingLevel level, String logger, Object data);
}
