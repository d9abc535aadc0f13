package dev.mcpspring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * The meters {@link McpServerMetrics} registers. The operation timers ({@code mcp.server.operation.duration},
 * {@code mcp.client.operation.duration}) come from the observations: see {@link McpObservationDocumentation}.
 */
public enum McpMeterDocumentation implements MeterDocumentation {

    /** How long a session lived, recorded once when it ends (OpenTelemetry's {@code mcp.server.session.duration}). */
    SESSION_DURATION {

        @Override
        public String getName() {
            return McpServerMetrics.SESSION_DURATION;
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.TIMER;
        }

        @Override
        public KeyName[] getKeyNames() {
            return SessionKeyNames.values();
        }
    },

    /** The sessions live now; with the Redis store, of the whole cluster (every instance reports the same). */
    ACTIVE_SESSIONS {

        @Override
        public String getName() {
            return McpServerMetrics.ACTIVE_SESSIONS;
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.GAUGE;
        }
    },

    /** The SSE streams open now on this instance (standalone, request and subscription streams). */
    OPEN_SSE_STREAMS {

        @Override
        public String getName() {
            return McpServerMetrics.OPEN_SSE_STREAMS;
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.GAUGE;
        }
    },

    /** The requests this instance sent to clients (sampling, elicitation, roots, ping) still waiting for the answer. */
    PENDING_CLIENT_REQUESTS {

        @Override
        public String getName() {
            return McpServerMetrics.PENDING_CLIENT_REQUESTS;
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.GAUGE;
        }
    };

    /** The tags of {@link #SESSION_DURATION}. */
    public enum SessionKeyNames implements KeyName {

        /** The revision the session negotiated. */
        MCP_PROTOCOL_VERSION("mcp.protocol.version"),

        /** Absent when the session was closed; {@code timeout} (expired), {@code evicted} or {@code shutdown}. */
        ERROR_TYPE("error.type"),

        /** {@code tcp} for the Streamable HTTP transport. */
        NETWORK_TRANSPORT("network.transport"),

        /** {@code http} for the Streamable HTTP transport. */
        NETWORK_PROTOCOL_NAME("network.protocol.name");

        private final String key;

        SessionKeyNames(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }
}
