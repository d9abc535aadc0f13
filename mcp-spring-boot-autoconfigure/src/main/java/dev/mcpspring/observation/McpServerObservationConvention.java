package dev.mcpspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of the messages the server receives. Declare a bean of this type to rename or
 * retag them (extending {@link DefaultMcpServerObservationConvention} to keep most of its choices), as with
 * Spring's own {@code ServerRequestObservationConvention}.
 */
public interface McpServerObservationConvention extends ObservationConvention<McpServerObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof McpServerObservationContext;
    }
}
