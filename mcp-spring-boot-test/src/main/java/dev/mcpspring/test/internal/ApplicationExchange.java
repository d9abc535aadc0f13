package dev.mcpspring.test.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.context.WebApplicationContext;

import dev.mcpspring.transport.StreamableHttpServlet;

/**
 * The way to the MCP endpoint of the application under test, decided at the first request (the web server, if any,
 * starts after the beans are made): over HTTP to the port a {@code RANDOM_PORT} or {@code DEFINED_PORT} test
 * started, else in-process through the servlet and the filters that apply to it.
 */
public final class ApplicationExchange implements HttpExchange {

    private final ApplicationContext context;

    private final String endpoint;

    private volatile HttpExchange resolved;

    /**
     * @param context  the application under test
     * @param endpoint the path of the MCP endpoint, e.g. {@code /mcp}
     */
    public ApplicationExchange(ApplicationContext context, String endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    @Override
    public Response send(String method, Map<String, String> headers, byte @Nullable [] body, Duration timeout)
            throws IOException {
        return resolved().send(method, headers, body, timeout);
    }

    private HttpExchange resolved() {
        HttpExchange exchange = resolved;
        if (exchange == null) {
            synchronized (this) {
                if (resolved == null) {
                    resolved = resolve();
                }
                exchange = resolved;
            }
        }
        return exchange;
    }

    private HttpExchange resolve() {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null
                && web.getWebServer().getPort() > 0) {
            String contextPath = context.getEnvironment().getProperty("server.servlet.context-path", "");
            return new NetworkExchange(URI.create("http://localhost:" + web.getWebServer().getPort() + contextPath
                    + endpoint));
        }
        if (!(context instanceof WebApplicationContext web) || web.getServletContext() == null) {
            throw new IllegalStateException("The MCP test client needs a servlet web application: a @SpringBootTest "
                    + "with the default MOCK web environment (in-process) or RANDOM_PORT / DEFINED_PORT (HTTP)");
        }
        ServletContext servletContext = web.getServletContext();
        Servlet servlet = context.getBean(StreamableHttpServlet.class);
        return new InProcessExchange(servletContext, servlet, filters(servletContext), endpoint);
    }

    /** The application's servlet filters that apply to the MCP endpoint, in their order, initialised. */
    private List<Filter> filters(ServletContext servletContext) {
        AntPathMatcher paths = new AntPathMatcher();
        List<Filter> filters = new ArrayList<>();
        for (ServletContextInitializer initializer : new ServletContextInitializerBeans(
                ((ConfigurableApplicationContext) context).getBeanFactory())) {
            if (initializer instanceof AbstractFilterRegistrationBean<?> registration && registration.isEnabled()
                    && appliesToEndpoint(registration, paths)) {
                Filter filter = registration.getFilter();
                try {
                    filter.init(new MockFilterConfig(servletContext,
                            registration.getFilterName()));
                }
                catch (ServletException ex) {
                    throw new IllegalStateException("filter " + registration.getFilterName() + " failed to start", ex);
                }
                filters.add(filter);
            }
        }
        return filters;
    }

    private boolean appliesToEndpoint(AbstractFilterRegistrationBean<?> registration, AntPathMatcher paths) {
        boolean named = !registration.getServletNames().isEmpty() || !registration.getServletRegistrationBeans()
            .isEmpty();
        if (registration.getUrlPatterns().isEmpty() && !named) {
            return true; // applies to every request
        }
        boolean byName = registration.getServletRegistrationBeans()
            .stream()
            .map(ServletRegistrationBean::getServlet)
            .anyMatch(StreamableHttpServlet.class::isInstance);
        return byName || registration.getUrlPatterns().stream().anyMatch(pattern -> matches(paths, pattern));
    }

    private boolean matches(AntPathMatcher paths, String pattern) {
        // servlet URL patterns: exact, "/prefix/*" or "*.extension"
        if (pattern.equals("/*") || pattern.equals("/")) {
            return true;
        }
        return pattern.startsWith("*.") ? endpoint.endsWith(pattern.substring(1))
                : paths.match(pattern.endsWith("/*") ? pattern + "*" : pattern, endpoint);
    }

    @Override
    public String toString() {
        HttpExchange exchange = resolved;
        return exchange != null ? exchange.toString() : "the application's MCP endpoint " + endpoint;
    }
}
