package dev.mcpspring.docs.observability;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

@Configuration(proxyBeanMethods = false)
class McpEndpointObservationConfiguration {

    // tag::predicate[]
    @Bean
    ObservationPredicate noHttpObservationOfTheMcpEndpoint() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext http
                && "/mcp".equals(http.getCarrier().getRequestURI())); // mcp.server.endpoint
    }
    // end::predicate[]
}
