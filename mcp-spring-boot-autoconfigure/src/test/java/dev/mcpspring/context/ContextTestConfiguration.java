package dev.mcpspring.context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.MDC;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskDecorator;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.mcpspring.autoconfigure.McpTaskDecorator;
import dev.mcpspring.observation.ObservationRequestObserver;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.ToolSpecification;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the context propagation tests need in the application:
 * <ul>
 * <li>a servlet filter standing in for an authentication filter and a tracing filter: for a request with
 * {@code X-User} it sets an authenticated {@code SecurityContext}, for one with {@code X-Trace-Id} the MDC
 * {@code traceId}, for one with {@code X-Observation} it opens that observation, for one with {@code X-Tenant} it
 * sets {@link #TENANT}; it clears all of it when the request leaves;</li>
 * <li>the tool {@code context}, which reports what its thread sees: authentication, MDC, current observation,
 * tenant, the application decorators it ran inside, the thread;</li>
 * <li>the tool {@code pollute}, which leaves a security context, an MDC entry and an open observation scope
 * behind on its thread, as a careless handler might;</li>
 * <li>two application {@link McpTaskDecorator @McpTaskDecorator} beans and one general {@link TaskDecorator} bean
 * that must not be applied to MCP handlers.</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class ContextTestConfiguration {

    /** A request-scoped value the application propagates with its own {@code @McpTaskDecorator}. */
    public static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    /** The application decorators a task ran inside, outermost first. */
    static final ThreadLocal<List<String>> DECORATORS = ThreadLocal.withInitial(ArrayList::new);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    ObservationRegistry observationRegistry() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context -> true); // not a no-op registry
        return registry;
    }

    @Bean
    Filter authenticatingFilter(ObservationRegistry registry) {
        return new AuthenticatingFilter(registry);
    }

    @Bean
    ToolSpecification contextTool(ObservationRegistry registry) {
        return new ToolSpecification(tool("context", "Reports the context the handler runs with"),
                invocation -> CallToolResult.text(JSON.writeValueAsString(describe(registry))));
    }

    @Bean
    ToolSpecification polluteTool(ObservationRegistry registry) {
        return new ToolSpecification(tool("pollute", "Leaves context behind on its thread"), invocation -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("mallory", null, List.of()));
            SecurityContextHolder.setContext(context);
            MDC.put("traceId", "left-behind");
            Observation.start("left.behind", registry).openScope(); // never closed
            TENANT.set("left-behind");
            return CallToolResult.text(JSON.writeValueAsString(describe(registry)));
        });
    }

    /** An application decorator for MCP handlers: propagates {@link #TENANT}. */
    @Bean(defaultCandidate = false)
    @McpTaskDecorator
    @Order(1)
    TaskDecorator tenantTaskDecorator() {
        return task -> {
            String tenant = TENANT.get();
            return () -> {
                DECORATORS.get().add("tenant");
                TENANT.set(tenant);
                try {
                    task.run();
                }
                finally {
                    TENANT.remove();
                    DECORATORS.remove();
                }
            };
        };
    }

    /** A second application decorator for MCP handlers, after (so outside) the first. */
    @Bean(defaultCandidate = false)
    @McpTaskDecorator
    @Order(2)
    TaskDecorator auditTaskDecorator() {
        return task -> () -> {
            DECORATORS.get().add("audit");
            task.run();
        };
    }

    /** The application's general decorator, for its own executors: must not touch MCP handlers. */
    @Bean
    TaskDecorator generalTaskDecorator() {
        return task -> () -> {
            MDC.put("general", "applied");
            try {
                task.run();
            }
            finally {
                MDC.remove("general");
            }
        };
    }

    private static Map<String, Object> describe(ObservationRegistry registry) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Observation current = registry.getCurrentObservation();
        // the starter observes every request itself: what the caller's thread had is that observation's parent
        boolean operation = current != null && ObservationRequestObserver.NAME.equals(current.getContext().getName());
        ObservationView caller = operation ? current.getContext().getParentObservation() : current;
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("user", authentication == null ? null : authentication.getName());
        seen.put("traceId", MDC.get("traceId"));
        seen.put("general", MDC.get("general"));
        seen.put("operation", operation);
        seen.put("observation", caller == null ? null : caller.getContextView().getName());
        seen.put("tenant", TENANT.get());
        seen.put("decorators", List.copyOf(DECORATORS.get()));
        seen.put("thread", Thread.currentThread().getName());
        return seen;
    }

    private static Tool tool(String name, String description) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        return new Tool(name, null, description, schema, null, null, null, null);
    }

    /** Authenticates, traces and observes a request as its headers say, and cleans up after it. */
    static final class AuthenticatingFilter implements Filter {

        private final ObservationRegistry registry;

        AuthenticatingFilter(ObservationRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = http.getHeader("X-User");
            if (user != null) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
                SecurityContextHolder.setContext(context);
            }
            if (http.getHeader("X-Trace-Id") != null) {
                MDC.put("traceId", http.getHeader("X-Trace-Id"));
            }
            if (http.getHeader("X-Tenant") != null) {
                TENANT.set(http.getHeader("X-Tenant"));
            }
            Observation observation = http.getHeader("X-Observation") == null ? null
                    : Observation.start(http.getHeader("X-Observation"), registry);
            Observation.Scope scope = observation == null ? null : observation.openScope();
            try {
                chain.doFilter(request, response);
            }
            finally {
                if (scope != null) {
                    scope.close();
                    observation.stop();
                }
                TENANT.remove();
                MDC.remove("traceId");
                SecurityContextHolder.clearContext();
            }
        }
    }
}
