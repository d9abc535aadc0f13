package dev.mcpspring.observation;

import java.util.Map;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.McpRequestObserver;

/**
 * A Micrometer observation around the handling of every request ({@value #NAME}), a receiver observation whose
 * carrier is the request's {@code _meta}: with Micrometer Tracing on the class path, its propagating handler reads
 * the W3C {@code traceparent}, {@code tracestate} and {@code baggage} the client put there (SEP-414, both
 * protocol eras) and the handler runs in a span that continues the client's trace, with the trace and span ids in
 * the logging MDC. Costs nothing when the registry is the no-op one.
 */
public class ObservationRequestObserver implements McpRequestObserver {

    /** The name of the observation. */
    public static final String NAME = "mcp.server.operation";

    private final ObservationRegistry registry;

    public ObservationRequestObserver(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Scope start(McpRequestContext request) {
        if (registry.isNoop()) {
            return Scope.NONE;
        }
        ReceiverContext<Map<String, Object>> context = new ReceiverContext<>(ObservationRequestObserver::metaValue,
                Kind.SERVER);
        context.setCarrier(request.meta());
        Observation observation = Observation.createNotStarted(NAME, () -> context, registry)
            .contextualName(request.method())
            .lowCardinalityKeyValues(KeyValues.of("mcp.method.name", request.method(), "mcp.protocol.version",
                    String.valueOf(request.protocolVersion())))
            .start();
        Observation.Scope scope = observation.openScope();
        return new Scope() {
            @Override
            public void error(Throwable failure) {
                observation.error(failure);
            }

            @Override
            public void close() {
                scope.close();
                observation.stop();
            }
        };
    }

    /** A text member of {@code _meta}, as propagators read headers. */
    private static @Nullable String metaValue(Map<String, Object> meta, String key) {
        return meta.get(key) instanceof String value ? value : null;
    }
}
