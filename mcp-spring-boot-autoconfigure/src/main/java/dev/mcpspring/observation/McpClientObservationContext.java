package dev.mcpspring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.server.McpMessageContext;
import dev.mcpspring.server.TransportInfo;
import tools.jackson.databind.node.ObjectNode;

/**
 * The context of the observation of a request the server sends to a client (sampling, elicitation, roots, ping):
 * a sender context of kind {@code CLIENT} whose carrier is the outgoing request's {@code params._meta}, where a
 * propagating tracing handler writes the W3C {@code traceparent} (and {@code tracestate}, {@code baggage}), as the
 * OpenTelemetry conventions for MCP ask. It holds what a {@link McpClientObservationConvention} needs.
 */
public class McpClientObservationContext extends SenderContext<ObjectNode> {

    private final McpMessageContext message;

    private @Nullable JsonRpcError errorResponse;

    public McpClientObservationContext(McpMessageContext message) {
        super((meta, key, value) -> {
            if (meta != null) {
                meta.put(key, value);
            }
        }, Kind.CLIENT);
        this.message = message;
    }

    /** The request observed. */
    public McpMessageContext getMessage() {
        return message;
    }

    /** The JSON-RPC method, for example {@code sampling/createMessage}. */
    public String getMethod() {
        return message.method();
    }

    /** The protocol revision of the session. */
    public @Nullable String getProtocolVersion() {
        return message.protocolVersion();
    }

    /** The session the request is sent in. */
    public @Nullable String getSessionId() {
        return message.sessionId();
    }

    /** The JSON-RPC id of the request, as text. */
    public @Nullable String getRequestId() {
        return ObservedMessages.requestId(message);
    }

    /** How the client is reached. */
    public TransportInfo getTransport() {
        return message.transport();
    }

    /** The JSON-RPC error the client answered with, {@code null} when none. */
    public @Nullable JsonRpcError getErrorResponse() {
        return errorResponse;
    }

    public void setErrorResponse(@Nullable JsonRpcError errorResponse) {
        this.errorResponse = errorResponse;
    }
}
