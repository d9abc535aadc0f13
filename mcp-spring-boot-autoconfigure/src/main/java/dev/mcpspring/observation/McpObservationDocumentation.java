package dev.mcpspring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of MCP messages, named and tagged after the OpenTelemetry semantic conventions for the Model
 * Context Protocol: {@link #SERVER_OPERATION} for every request and notification the server receives,
 * {@link #CLIENT_OPERATION} for every request it sends to a client. Micrometer's meter handler records each as a
 * timer of the observation's name ({@code mcp.server.operation.duration}, {@code mcp.client.operation.duration});
 * a tracing handler makes a span of each, named {@code {mcp.method.name} {target}}.
 */
public enum McpObservationDocumentation implements ObservationDocumentation {

    /** A request or notification received from a client: a SERVER span. */
    SERVER_OPERATION {

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultMcpServerObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeyNames.values();
        }
    },

    /** A request the server sends to a client (sampling, elicitation, roots, ping): a CLIENT span. */
    CLIENT_OPERATION {

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultMcpClientObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] { LowCardinalityKeyNames.MCP_METHOD_NAME, LowCardinalityKeyNames.MCP_PROTOCOL_VERSION,
                    LowCardinalityKeyNames.ERROR_TYPE, LowCardinalityKeyNames.RPC_RESPONSE_STATUS_CODE,
                    LowCardinalityKeyNames.NETWORK_TRANSPORT, LowCardinalityKeyNames.NETWORK_PROTOCOL_NAME,
                    LowCardinalityKeyNames.NETWORK_PROTOCOL_VERSION };
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] { HighCardinalityKeyNames.MCP_SESSION_ID, HighCardinalityKeyNames.JSONRPC_REQUEST_ID };
        }
    };

    /** Keys of the metrics and the spans; each is present only when it applies. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** The JSON-RPC method, for example {@code tools/call}. */
        MCP_METHOD_NAME("mcp.method.name", true),

        /** The tool of a {@code tools/call}. */
        GEN_AI_TOOL_NAME("gen_ai.tool.name", false),

        /** The prompt of a {@code prompts/get}. */
        GEN_AI_PROMPT_NAME("gen_ai.prompt.name", false),

        /** {@code execute_tool} for a {@code tools/call}. */
        GEN_AI_OPERATION_NAME("gen_ai.operation.name", false),

        /** The negotiated protocol revision, for example {@code 2025-11-25}. */
        MCP_PROTOCOL_VERSION("mcp.protocol.version", false),

        /**
         * Why the operation failed: the JSON-RPC error code ({@code -32602}), {@code tool_error} for a tool result
         * with {@code isError: true}, {@code timeout} when the client did not answer in time, else the class name of
         * the exception. Absent when it succeeded.
         */
        ERROR_TYPE("error.type", false),

        /** The JSON-RPC error code of an error response. */
        RPC_RESPONSE_STATUS_CODE("rpc.response.status_code", false),

        /** {@code tcp} over HTTP (the transport supplies it: {@code pipe} over stdio). */
        NETWORK_TRANSPORT("network.transport", false),

        /** {@code http} over HTTP. */
        NETWORK_PROTOCOL_NAME("network.protocol.name", false),

        /** The HTTP version of the request, {@code 1.1} or {@code 2}. */
        NETWORK_PROTOCOL_VERSION("network.protocol.version", false);

        private final String key;

        private final boolean required;

        LowCardinalityKeyNames(String key, boolean required) {
            this.key = key;
            this.required = required;
        }

        @Override
        public String asString() {
            return key;
        }

        @Override
        public boolean isRequired() {
            return required;
        }
    }

    /** Keys of the spans only: too many values for a metric. */
    public enum HighCardinalityKeyNames implements KeyName {

        /** The session, when the message belongs to one. */
        MCP_SESSION_ID("mcp.session.id"),

        /** The JSON-RPC id of a request (a notification has none). */
        JSONRPC_REQUEST_ID("jsonrpc.request.id"),

        /**
         * The resource of {@code resources/read}, {@code resources/subscribe}, {@code resources/unsubscribe} or
         * {@code notifications/resources/updated} (the conventions make it opt-in for metrics).
         */
        MCP_RESOURCE_URI("mcp.resource.uri");

        private final String key;

        HighCardinalityKeyNames(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }

        @Override
        public boolean isRequired() {
            return false;
        }
    }
}
