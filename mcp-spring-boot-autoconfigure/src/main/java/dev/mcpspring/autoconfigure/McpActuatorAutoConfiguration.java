package dev.mcpspring.autoconfigure;

import java.util.Locale;
import java.util.function.IntSupplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mcpspring.actuate.McpEndpoint;
import dev.mcpspring.actuate.McpHealthIndicator;
import dev.mcpspring.actuate.McpInfoContributor;
import dev.mcpspring.server.CompletionRegistry;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ServerIdentity;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.transport.StreamableHttpServlet;
import dev.mcpspring.transport.internal.DefaultStreamableHttpServlet;

/**
 * Spring Boot Actuator support of the MCP server, each part when its Actuator module is on the class path: the
 * {@code mcp} endpoint ({@link McpEndpoint}, when available), the {@code mcp} health indicator
 * ({@link McpHealthIndicator}, unless {@code management.health.mcp.enabled=false}) and the {@code mcp} info
 * contributor ({@link McpInfoContributor}).
 */
@AutoConfiguration(after = { McpServerAutoConfiguration.class, McpRedisSessionAutoConfiguration.class,
        McpServletTransportAutoConfiguration.class })
@ConditionalOnBean(McpServer.class)
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
public class McpActuatorAutoConfiguration {

    // the conditions of the Actuator modules in a nested class: their condition classes must be on the class path
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
    static class EndpointConfiguration {

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnAvailableEndpoint(endpoint = McpEndpoint.class)
        static class AvailableEndpointConfiguration {

            @Bean
            @ConditionalOnMissingBean
            McpEndpoint mcpEndpoint(ToolRegistry tools, ResourceRegistry resources,
                    ResourceTemplateRegistry resourceTemplates, PromptRegistry prompts,
                    CompletionRegistry completions) {
                return new McpEndpoint(tools, resources, resourceTemplates, prompts, completions);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
    @ConditionalOnBean(SessionManager.class)
    static class HealthConfiguration {

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnEnabledHealthIndicator("mcp")
        static class EnabledHealthConfiguration {

            @Bean
            @ConditionalOnMissingBean
            McpHealthIndicator mcpHealthIndicator(McpServer server, SessionManager sessions,
                    ObjectProvider<StreamableHttpServlet> endpoint, McpServerProperties properties) {
                StreamableHttpServlet servlet = endpoint.getIfUnique();
                IntSupplier openStreams = servlet instanceof DefaultStreamableHttpServlet http
                        ? http::openSseStreams : () -> 0;
                return new McpHealthIndicator(server::isShuttingDown, sessions, openStreams,
                        properties.getSession().getStore().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(InfoContributor.class)
    static class InfoConfiguration {

        @Bean
        @ConditionalOnMissingBean
        McpInfoContributor mcpInfoContributor(ServerIdentity identity, McpServer server) {
            return new McpInfoContributor(identity, server.versions().newestFirst());
        }
    }
}
