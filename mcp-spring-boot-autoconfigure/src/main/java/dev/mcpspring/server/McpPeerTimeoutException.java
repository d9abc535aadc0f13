package dev.mcpspring.server;

import java.time.Duration;

/** The client did not answer in time; the request was cancelled with {@code notifications/cancelled}. */
public class McpPeerTimeoutException extends McpPeerException {

    public McpPeerTimeoutException(String method, Duration timeout) {
        super("The client did not answer " + method + " within " + timeout.toMillis() + " ms; the request was "
                + "cancelled");
    }
}
