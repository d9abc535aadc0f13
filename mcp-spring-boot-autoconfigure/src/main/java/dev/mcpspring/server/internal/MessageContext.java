package dev.mcpspring.server.internal;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.server.McpMessageContext;
import dev.mcpspring.server.TransportInfo;
import tools.jackson.databind.JsonNode;

/**
 * The {@link McpMessageContext} of a notification the server received or of a request it sends to a client (a
 * request it received is a {@link RequestContext}).
 */
final class MessageContext implements McpMessageContext {

    private final String method;

    private final @Nullable JsonNode requestId;

    private final @Nullable String sessionId;

    private final @Nullable String protocolVersion;

    private final @Nullable JsonNode params;

    private final TransportInfo transport;

    MessageContext(String method, @Nullable JsonNode requestId, @Nullable String sessionId,
            @Nullable String protocolVersion, @Nullable JsonNode params, TransportInfo transport) {
        this.method = method;
        this.requestId = requestId;
        this.sessionId = sessionId;
        this.protocolVersion = protocolVersion;
        this.params = params;
        this.transport = transport;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public @Nullable JsonNode requestId() {
        return requestId;
    }

    @Override
    public @Nullable String sessionId() {
        return sessionId;
    }

    @Override
    public @Nullable String protocolVersion() {
        return protocolVersion;
    }

    @Override
    public @Nullable JsonNode params() {
        return params;
    }

    @Override
    public TransportInfo transport() {
        return transport;
    }
}
