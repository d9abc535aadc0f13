package dev.mcpspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of the requests the server sends to clients. Declare a bean of this type to
 * rename or retag them (extending {@link DefaultMcpClientObservationConvention} to keep most of its choices).
 */
public interface McpClientObservationConvention extends ObservationConvention<McpClientObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof McpClientObservationContext;
    }
}
