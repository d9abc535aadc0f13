package dev.mcpspring.session;

import dev.mcpspring.protocol.JsonRpcMessage;

/** Somewhere JSON-RPC messages can be written to the client: an SSE stream, or a request's response. */
public interface MessageSink {

    /**
     * Sends one message.
     *
     * @return {@code false} when the sink is closed and the message was not sent
     */
    boolean send(JsonRpcMessage message);

    /** Whether messages can still be sent. */
    boolean isOpen();

    /** Ends the stream; further messages are refused. */
    void close();
}
