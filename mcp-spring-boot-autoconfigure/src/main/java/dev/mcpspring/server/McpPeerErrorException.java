package dev.mcpspring.server;

import dev.mcpspring.protocol.JsonRpcError;

/** The client answered with a JSON-RPC error, for example because the user rejected a sampling request. */
public class McpPeerErrorException extends McpPeerException {

    private final transient JsonRpcError error;

    public McpPeerErrorException(String method, JsonRpcError error) {
        super("The client answered " + method + " with error " + error.code() + ": " + error.message());
        this.error = error;
    }

    /** The error the client sent. */
    public JsonRpcError error() {
        return error;
    }
}
