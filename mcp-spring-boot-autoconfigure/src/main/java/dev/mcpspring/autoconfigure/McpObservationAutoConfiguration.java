package dev.mcpspring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.observation.McpClientObservationConvention;
import dev.mcpspring.observation.McpServerObservationConvention;
import dev.mcpspring.observation.ObservationRequestObserver;
import dev.mcpspring.server.McpRequestObserver;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ToolRegistry;

/**
 * Observes every MCP message with Micrometer when it is on the class path, after the OpenTelemetry semantic
 * conventions for MCP: the requests and notifications received, the requests sent to clients, continuing the
 * client's trace from a message's {@code _meta} when Micrometer Tracing is there too. Uses the application's
 * {@link ObservationRegistry} (without one, the no-op registry, which costs nothing) and its
 * {@link McpServerObservationConvention} / {@link McpClientObservationConvention} beans, if any, instead of the
 * default conventions.
 */
@AutoConfiguration(before = McpServerAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
public class McpObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    McpRequestObserver mcpRequestObserver(ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<McpServerObservationConvention> serverConvention,
            ObjectProvider<McpClientObservationConvention> clientConvention, ObjectProvider<ToolRegistry> tools,
            ObjectProvider<PromptRegistry> prompts) {
        return new ObservationRequestObserver(registry.getIfUnique(() -> ObservationRegistry.NOOP),
                serverConvention.getIfAvailable(), clientConvention.getIfAvailable(), tools.getIfUnique(),
                prompts.getIfUnique());
    }
}
