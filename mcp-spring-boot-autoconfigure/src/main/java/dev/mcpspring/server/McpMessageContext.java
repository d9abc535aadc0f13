package dev.mcpspring.server;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC message as an {@link McpRequestObserver} sees it: a request or a notification the client sent, or a
 * request the server sends to the client. {@link McpRequestContext}, what a handler knows of its request, is one.
 */
public interface McpMessageContext {

    /** The JSON-RPC method, for example {@code tools/call} or {@code notifications/initialized}. */
    String method();

    /** The JSON-RPC id; {@code null} for a notification. */
    @Nullable JsonNode requestId();

    /** The session the message belongs to; {@code null} outside a session (stateless, 2026-07-28). */
    @Nullable String sessionId();

    /** The protocol revision of the session or request; {@code null} while not yet negotiated. */
    @Nullable String protocolVersion();

    /**
     * The message's {@code params}, {@code null} when it has none. For a request the server sends to the client
     * it is the object that will be sent, and an observer may add members to its {@code _meta} (trace context);
     * otherwise it must not be changed.
     */
    @Nullable JsonNode params();

    /** How the message travels. */
    default TransportInfo transport() {
        return TransportInfo.UNKNOWN;
    }
}
