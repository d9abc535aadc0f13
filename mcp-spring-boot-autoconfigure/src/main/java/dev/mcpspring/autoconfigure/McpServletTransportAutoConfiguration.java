package dev.mcpspring.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.transport.StreamableHttpServlet;
import dev.mcpspring.transport.internal.DefaultStreamableHttpServlet;
import dev.mcpspring.transport.internal.DnsRebindingFilter;
import dev.mcpspring.transport.internal.FilterChainExit;
import dev.mcpspring.transport.internal.RequestThreadExecutor;
import dev.mcpspring.transport.internal.TransportSettings;

/**
 * Exposes the MCP server over Streamable HTTP at {@code mcp.server.endpoint} in a servlet web application, unless
 * {@code mcp.server.transport.type=stdio}.
 * <p>
 * The servlet submits the work of requests to the {@code mcpHandlerExecutor} through
 * {@link McpTaskDecorators}: every {@link McpTaskDecorator @McpTaskDecorator} bean decorates them, whether the
 * executor is the starter's or the application's own. With the starter's own executor, work that cannot wait for
 * the client, and every request the container serves on a virtual thread
 * ({@code spring.threads.virtual.enabled=true}), runs on the request's thread ({@link RequestThreadExecutor}).
 */
@AutoConfiguration(after = McpServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpServlet.class)
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
@Conditional(OnStreamableHttpTransportCondition.class)
public class McpServletTransportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StreamableHttpServlet mcpStreamableHttpServlet(McpServer server, SessionManager sessions, JsonRpcCodec codec,
            @Qualifier(McpServerAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME) Executor executor,
            @McpTaskDecorator ObjectProvider<TaskDecorator> taskDecorators, McpServerProperties properties) {
        TransportSettings settings = settings(properties);
        List<TaskDecorator> decorators = taskDecorators.orderedStream().toList();
        List<TaskDecorator> onRequestThread = decorators.stream()
            .filter(decorator -> !McpTaskDecorators.carriesContextOnly(decorator))
            .toList();
        return new DefaultStreamableHttpServlet(server, sessions, codec,
                RequestThreadExecutor.of(executor, handlers -> McpTaskDecorators.decorate(handlers, decorators),
                        here -> McpTaskDecorators.decorate(here, onRequestThread)),
                settings);
    }

    /**
     * Outermost on the endpoint: the servlet's handlers write the response only once the request's thread has
     * left every filter ({@link FilterChainExit}).
     */
    @Bean
    @ConditionalOnMissingBean(name = "mcpFilterChainExitRegistration")
    FilterRegistrationBean<Filter> mcpFilterChainExitRegistration(McpServerProperties properties) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(FilterChainExit.filter());
        registration.setName("mcpFilterChainExit");
        registration.addUrlPatterns(properties.getEndpoint());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setAsyncSupported(true);
        return registration;
    }

    /**
     * The {@code Host} and {@code Origin} checks before Spring Security's filters, so that a foreign origin gets 403
     * (as the protocol says), not the 401 of a missing token.
     */
    @Bean
    @ConditionalOnClass(name = "org.springframework.security.web.SecurityFilterChain")
    @ConditionalOnMissingBean(name = "mcpDnsRebindingFilterRegistration")
    FilterRegistrationBean<Filter> mcpDnsRebindingFilterRegistration(McpServerProperties properties,
            JsonRpcCodec codec) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new DnsRebindingFilter(settings(properties), codec));
        registration.setName("mcpDnsRebinding");
        registration.addUrlPatterns(properties.getEndpoint());
        // after Spring Boot's HTTP observation filter (HIGHEST_PRECEDENCE + 1), so that its refusals are observed
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setAsyncSupported(true);
        return registration;
    }

    private static TransportSettings settings(McpServerProperties properties) {
        McpServerProperties.Security security = properties.getSecurity();
        return new TransportSettings(properties.getTransport().getMaxBodySize().toBytes(),
                properties.getTransport().getKeepAliveInterval(), properties.getSession().isStateless(),
                security.getAllowedOrigins(), security.getAllowedHosts(), security.isTrustForwardedHost(),
                properties.getSse().getRetry(), properties.getSse().isPolling(),
                properties.getSse().getMaxBufferedSize().toBytes(), security.getCors().isEnabled(),
                security.getCors().getMaxAge());
    }

    @Bean
    @ConditionalOnMissingBean(name = "mcpServletRegistration")
    ServletRegistrationBean<StreamableHttpServlet> mcpServletRegistration(StreamableHttpServlet servlet,
            McpServerProperties properties) {
        ServletRegistrationBean<StreamableHttpServlet> registration = new ServletRegistrationBean<>(servlet,
                properties.getEndpoint());
        registration.setName("mcpStreamableHttp");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
