package dev.mcpspring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.observation.ObservationRequestObserver;
import dev.mcpspring.server.McpRequestObserver;

/**
 * Observes the handling of every MCP request with Micrometer when it is on the class path, continuing the
 * client's trace from the request's {@code _meta} when Micrometer Tracing is there too. Uses the application's
 * {@link ObservationRegistry}; without one, the no-op registry, which costs nothing.
 */
@AutoConfiguration(before = McpServerAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
public class McpObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    McpRequestObserver mcpRequestObserver(ObjectProvider<ObservationRegistry> registry) {
        return new ObservationRequestObserver(registry.getIfUnique(() -> ObservationRegistry.NOOP));
    }
}
