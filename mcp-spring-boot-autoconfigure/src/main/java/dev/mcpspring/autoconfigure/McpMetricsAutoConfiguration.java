package dev.mcpspring.autoconfigure;

import java.util.function.IntSupplier;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.observation.McpServerMetrics;
import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.transport.StreamableHttpServlet;
import dev.mcpspring.transport.internal.DefaultStreamableHttpServlet;

/**
 * The MCP server's meters besides its operation timers, when the application has a {@link MeterRegistry}: the
 * duration of every session that ends and the gauges of live sessions, open SSE streams and pending requests to
 * clients ({@link McpServerMetrics}, a {@code MeterBinder} that Spring Boot binds to the registry).
 */
@AutoConfiguration(after = { McpServerAutoConfiguration.class, McpRedisSessionAutoConfiguration.class,
        McpServletTransportAutoConfiguration.class },
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, McpServer.class, SessionManager.class })
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
public class McpMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    McpServerMetrics mcpServerMetrics(McpServer server, SessionManager sessions,
            ObjectProvider<StreamableHttpServlet> endpoint) {
        StreamableHttpServlet servlet = endpoint.getIfUnique();
        IntSupplier openStreams = servlet instanceof DefaultStreamableHttpServlet http ? http::openSseStreams
                : () -> 0;
        return new McpServerMetrics(sessions, openStreams, server::pendingClientRequests, TransportInfo.HTTP);
    }
}
