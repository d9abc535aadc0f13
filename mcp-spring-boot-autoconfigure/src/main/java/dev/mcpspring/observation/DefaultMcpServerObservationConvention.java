package dev.mcpspring.observation;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.observation.McpObservationDocumentation.HighCardinalityKeyNames;
import dev.mcpspring.observation.McpObservationDocumentation.LowCardinalityKeyNames;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.server.TransportInfo;

/**
 * The OpenTelemetry semantic conventions for MCP on the server side: the observation is named
 * {@value #NAME} (so Micrometer's meter handler records a timer of that name; in Prometheus
 * {@code mcp_server_operation_duration_seconds}), its contextual name, the span's name, is
 * {@code {mcp.method.name} {target}} with the tool or prompt as target where there is one. See
 * {@link McpObservationDocumentation} for the keys; each is present only when it applies.
 */
public class DefaultMcpServerObservationConvention implements McpServerObservationConvention {

    /** The default name of the observation, and of its timer. */
    public static final String NAME = "mcp.server.operation.duration";

    /** The {@code gen_ai.operation.name} of a tool call. */
    static final String EXECUTE_TOOL = "execute_tool";

    /**
     * What stands for a method, tool, prompt or protocol version that the client named and the server does not
     * know, as OpenTelemetry's HTTP conventions tag an unknown method: each name a client makes up would otherwise
     * be a meter (and a span name) of its own.
     */
    public static final String OTHER = "_OTHER";

    /** The {@code error.type} of a tool result with {@code isError: true}. */
    public static final String TOOL_ERROR = "tool_error";

    private final String name;

    public DefaultMcpServerObservationConvention() {
        this(NAME);
    }

    /** The conventions under another observation name. */
    public DefaultMcpServerObservationConvention(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    /** {@code {mcp.method.name} {target}}, the target being the tool or prompt when there is one. */
    @Override
    public String getContextualName(McpServerObservationContext context) {
        String target = target(context);
        String method = method(context);
        return target == null ? method : method + " " + target;
    }

    /**
     * The message's keys, computed once per observation (Micrometer asks at its start and again at its stop), and
     * how it ended.
     */
    @Override
    public KeyValues getLowCardinalityKeyValues(McpServerObservationContext context) {
        KeyValues message = context.messageKeyValues;
        if (message == null) {
            message = messageKeyValues(context);
            if (context.getProtocolVersion() != null) { // else an initialize, which learns its version as it runs
                context.messageKeyValues = message;
            }
        }
        String errorType = errorType(context);
        if (errorType == null) {
            return message;
        }
        KeyValues withError = message.and(LowCardinalityKeyNames.ERROR_TYPE.withValue(errorType));
        JsonRpcError error = context.getErrorResponse();
        return error == null ? withError
                : withError.and(LowCardinalityKeyNames.RPC_RESPONSE_STATUS_CODE.withValue(Integer.toString(error.code())));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(McpServerObservationContext context) {
        KeyValues values = context.highCardinalityKeyValues;
        if (values == null) {
            values = highCardinalityKeyValues(context);
            context.highCardinalityKeyValues = values;
        }
        return values;
    }

    private KeyValues messageKeyValues(McpServerObservationContext context) {
        List<KeyValue> values = new ArrayList<>(8);
        values.add(LowCardinalityKeyNames.MCP_METHOD_NAME.withValue(method(context)));
        String tool = context.getToolName();
        if (tool != null) {
            values.add(LowCardinalityKeyNames.GEN_AI_TOOL_NAME.withValue(context.isTargetKnown() ? tool : OTHER));
        }
        if (McpMethods.TOOLS_CALL.equals(context.getMethod())) {
            values.add(LowCardinalityKeyNames.GEN_AI_OPERATION_NAME.withValue(EXECUTE_TOOL));
        }
        String prompt = context.getPromptName();
        if (prompt != null) {
            values.add(LowCardinalityKeyNames.GEN_AI_PROMPT_NAME.withValue(context.isTargetKnown() ? prompt : OTHER));
        }
        String version = context.getProtocolVersion();
        if (version != null) {
            values.add(LowCardinalityKeyNames.MCP_PROTOCOL_VERSION
                .withValue(ProtocolVersion.isSupported(version) ? version : OTHER));
        }
        addTransport(values, context.getTransport());
        return KeyValues.of(values);
    }

    private static KeyValues highCardinalityKeyValues(McpServerObservationContext context) {
        String session = context.getSessionId();
        String id = context.getRequestId();
        String uri = context.getResourceUri();
        if (session == null && id == null && uri == null) {
            return KeyValues.empty();
        }
        List<KeyValue> values = new ArrayList<>(3);
        addIfPresent(values, HighCardinalityKeyNames.MCP_SESSION_ID, session);
        addIfPresent(values, HighCardinalityKeyNames.JSONRPC_REQUEST_ID, id);
        addIfPresent(values, HighCardinalityKeyNames.MCP_RESOURCE_URI, uri);
        return KeyValues.of(values);
    }

    /**
     * The low-cardinality target of the span name: the tool or the prompt, {@value #OTHER} for one the server does
     * not offer, else {@code null}.
     */
    protected @Nullable String target(McpServerObservationContext context) {
        String tool = context.getToolName();
        String target = tool != null ? tool : context.getPromptName();
        return target == null || context.isTargetKnown() ? target : OTHER;
    }

    /** The method, {@value #OTHER} for one the protocol does not define. */
    protected String method(McpServerObservationContext context) {
        return ObservedMessages.isProtocolMethod(context.getMethod()) ? context.getMethod() : OTHER;
    }

    /**
     * {@code tool_error} for a tool result with {@code isError: true}; the JSON-RPC error code of an error
     * response; else the class name of what failed; {@code null} when the operation succeeded.
     */
    protected @Nullable String errorType(McpServerObservationContext context) {
        if (context.isToolError()) {
            return TOOL_ERROR;
        }
        JsonRpcError error = context.getErrorResponse();
        if (error != null) {
            return Integer.toString(error.code());
        }
        Throwable failure = context.getError();
        return failure == null ? null : failure.getClass().getName();
    }

    static void addTransport(List<KeyValue> values, TransportInfo transport) {
        addIfPresent(values, LowCardinalityKeyNames.NETWORK_TRANSPORT, transport.networkTransport());
        addIfPresent(values, LowCardinalityKeyNames.NETWORK_PROTOCOL_NAME, transport.protocolName());
        addIfPresent(values, LowCardinalityKeyNames.NETWORK_PROTOCOL_VERSION, transport.protocolVersion());
    }

    static void addIfPresent(List<KeyValue> values, io.micrometer.common.docs.KeyName key, @Nullable String value) {
        if (value != null) {
            values.add(key.withValue(value));
        }
    }
}
