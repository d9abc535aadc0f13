package dev.mcpspring.test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.mcpspring.autoconfigure.McpServerProperties;
import dev.mcpspring.autoconfigure.McpServletTransportAutoConfiguration;
import dev.mcpspring.test.internal.ApplicationExchange;
import dev.mcpspring.transport.StreamableHttpServlet;

/**
 * The {@link McpTestClient} of a test annotated with {@link AutoConfigureMcpTestClient}: one per application
 * context, for its MCP endpoint. A test configuration that declares its own {@code McpTestClient} bean replaces it.
 */
@AutoConfiguration(after = McpServletTransportAutoConfiguration.class)
@ConditionalOnBean(StreamableHttpServlet.class)
public class McpTestClientAutoConfiguration {

    /** The property {@link AutoConfigureMcpTestClient#protocolVersion()} sets. */
    static final String PROTOCOL_VERSION_PROPERTY = "mcp.test.client.protocol-version";

    @Bean
    @ConditionalOnMissingBean
    McpTestClient mcpTestClient(ApplicationContext context, McpServerProperties properties, Environment environment) {
        return McpTestClient.of(new ApplicationExchange(context, properties.getEndpoint()),
                environment.getProperty(PROTOCOL_VERSION_PROPERTY, McpTestClient.DEFAULT_PROTOCOL_VERSION));
    }
}
