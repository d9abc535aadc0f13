package dev.mcpspring.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.McpMessageContext;
import dev.mcpspring.server.TransportInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The context of the observation of a request or notification the server received: a receiver context of kind
 * {@code SERVER} whose carrier is the message's {@code _meta}, where a propagating tracing handler finds the
 * client's W3C {@code traceparent}, {@code tracestate} and {@code baggage} (in both protocol eras). It holds what a
 * {@link McpServerObservationConvention} needs: the message, and how the operation ended.
 */
public class McpServerObservationContext extends ReceiverContext<JsonNode> {

    private final McpMessageContext message;

    private @Nullable JsonRpcError errorResponse;

    private boolean toolError;

    /** {@link DefaultMcpServerObservationConvention}'s keys of the message, once computed. */
    @Nullable KeyValues messageKeyValues;

    /** {@link DefaultMcpServerObservationConvention}'s high-cardinality keys, once computed. */
    @Nullable KeyValues highCardinalityKeyValues;

    private final boolean targetKnown;

    /** The context of a message whose tool or prompt, if it names one, the server offers. */
    public McpServerObservationContext(McpMessageContext message) {
        this(message, true);
    }

    /**
     * @param message     the message observed
     * @param targetKnown whether the tool or prompt the message names is one the server offers ({@code true} when
     *                    it names none)
     */
    public McpServerObservationContext(McpMessageContext message, boolean targetKnown) {
        super(McpServerObservationContext::metaValue, Kind.SERVER);
        this.message = message;
        this.targetKnown = targetKnown;
        setCarrier(meta(message.params()));
    }

    /** The message observed. */
    public McpMessageContext getMessage() {
        return message;
    }

    /** The JSON-RPC method. */
    public String getMethod() {
        return message.method();
    }

    /** Whether the message is a notification (no response). */
    public boolean isNotification() {
        return message.requestId() == null;
    }

    /** The tool a {@code tools/call} calls, else {@code null}. */
    public @Nullable String getToolName() {
        return McpMethods.TOOLS_CALL.equals(message.method()) ? ObservedMessages.name(message) : null;
    }

    /** The prompt a {@code prompts/get} gets, else {@code null}. */
    public @Nullable String getPromptName() {
        return McpMethods.PROMPTS_GET.equals(message.method()) ? ObservedMessages.name(message) : null;
    }

    /**
     * Whether the tool or prompt the message names ({@link #getToolName()}, {@link #getPromptName()}) is one the
     * server offers; {@code true} when it names none. A name the client made up is no tag for a meter: each would
     * make a meter of its own.
     */
    public boolean isTargetKnown() {
        return targetKnown;
    }

    /** The resource of a message about one ({@code resources/read}, subscriptions, updates), else {@code null}. */
    public @Nullable String getResourceUri() {
        return ObservedMessages.resourceUri(message);
    }

    /** The protocol revision, {@code null} while not negotiated (an {@code initialize} until it succeeds). */
    public @Nullable String getProtocolVersion() {
        return message.protocolVersion();
    }

    /** The session, {@code null} outside one. */
    public @Nullable String getSessionId() {
        return message.sessionId();
    }

    /** The JSON-RPC id as text, {@code null} for a notification (or a {@code null} id). */
    public @Nullable String getRequestId() {
        return ObservedMessages.requestId(message);
    }

    /** How the message came. */
    public TransportInfo getTransport() {
        return message.transport();
    }

    /** The JSON-RPC error the request was answered with, {@code null} when none. */
    public @Nullable JsonRpcError getErrorResponse() {
        return errorResponse;
    }

    public void setErrorResponse(@Nullable JsonRpcError errorResponse) {
        this.errorResponse = errorResponse;
    }

    /** Whether the request was a {@code tools/call} whose result has {@code isError: true}. */
    public boolean isToolError() {
        return toolError;
    }

    public void setToolError(boolean toolError) {
        this.toolError = toolError;
    }

    private static JsonNode meta(@Nullable JsonNode params) {
        JsonNode meta = params == null ? null : params.get("_meta");
        return meta != null && meta.isObject() ? meta : MissingNode.getInstance();
    }

    /** A text member of {@code _meta}, as propagators read headers. */
    private static @Nullable String metaValue(JsonNode meta, String key) {
        JsonNode value = meta.get(key);
        return value != null && value.isString() ? value.asString() : null;
    }
}
