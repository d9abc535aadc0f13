package dev.mcpspring.observation;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.observation.McpObservationDocumentation.HighCardinalityKeyNames;
import dev.mcpspring.observation.McpObservationDocumentation.LowCardinalityKeyNames;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.server.McpPeerTimeoutException;

/**
 * The OpenTelemetry semantic conventions for MCP on the client side, for the requests the server sends to a
 * client: the observation is named {@value #NAME} (a timer of that name; in Prometheus
 * {@code mcp_client_operation_duration_seconds}), the span {@code {mcp.method.name}}.
 */
public class DefaultMcpClientObservationConvention implements McpClientObservationConvention {

    /** The default name of the observation, and of its timer. */
    public static final String NAME = "mcp.client.operation.duration";

    /** The {@code error.type} of a request the client did not answer in time. */
    public static final String TIMEOUT = "timeout";

    /** The error codes JSON-RPC 2.0 reserves, lowest and highest. */
    private static final int RESERVED_LOWEST = -32768;

    private static final int RESERVED_HIGHEST = -32000;

    private final String name;

    public DefaultMcpClientObservationConvention() {
        this(NAME);
    }

    /** The conventions under another observation name. */
    public DefaultMcpClientObservationConvention(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getContextualName(McpClientObservationContext context) {
        return context.getMethod();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(McpClientObservationContext context) {
        List<KeyValue> values = new ArrayList<>(7);
        values.add(LowCardinalityKeyNames.MCP_METHOD_NAME.withValue(context.getMethod()));
        DefaultMcpServerObservationConvention.addIfPresent(values, LowCardinalityKeyNames.MCP_PROTOCOL_VERSION,
                context.getProtocolVersion());
        DefaultMcpServerObservationConvention.addIfPresent(values, LowCardinalityKeyNames.ERROR_TYPE,
                errorType(context));
        JsonRpcError error = context.getErrorResponse();
        if (error != null) {
            values.add(LowCardinalityKeyNames.RPC_RESPONSE_STATUS_CODE.withValue(code(error)));
        }
        DefaultMcpServerObservationConvention.addTransport(values, context.getTransport());
        return KeyValues.of(values);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(McpClientObservationContext context) {
        List<KeyValue> values = new ArrayList<>(2);
        DefaultMcpServerObservationConvention.addIfPresent(values, HighCardinalityKeyNames.MCP_SESSION_ID,
                context.getSessionId());
        DefaultMcpServerObservationConvention.addIfPresent(values, HighCardinalityKeyNames.JSONRPC_REQUEST_ID,
                context.getRequestId());
        return KeyValues.of(values);
    }

    /**
     * The JSON-RPC error code the client answered with (see {@link #code}); {@code timeout} when it did not answer in
     * time; else the class name of what failed (the wait withdrawn, the session closed); {@code null} when it
     * succeeded.
     */
    protected @Nullable String errorType(McpClientObservationContext context) {
        JsonRpcError error = context.getErrorResponse();
        if (error != null) {
            return code(error);
        }
        Throwable failure = context.getError();
        if (failure == null) {
            return null;
        }
        return failure instanceof McpPeerTimeoutException ? TIMEOUT : failure.getClass().getName();
    }

    /**
     * An error code the client answered with: those JSON-RPC reserves (-32768 to -32000, where the protocol's own
     * are) as they are, any other {@value DefaultMcpServerObservationConvention#OTHER}. The client chooses the code,
     * and a tag of every code it invents would be a timer each.
     */
    protected String code(JsonRpcError error) {
        return error.code() >= RESERVED_LOWEST && error.code() <= RESERVED_HIGHEST ? Integer.toString(error.code())
                : DefaultMcpServerObservationConvention.OTHER;
    }
}
