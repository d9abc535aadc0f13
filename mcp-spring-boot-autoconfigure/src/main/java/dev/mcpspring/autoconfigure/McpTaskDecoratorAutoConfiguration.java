package dev.mcpspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import io.micrometer.context.ContextSnapshotFactory;

/**
 * The built-in {@link McpTaskDecorator @McpTaskDecorator} beans: a handler runs with the context of the request
 * thread that submitted it. Each is defined only when its library is on the class path, and none when
 * {@code mcp.server.executor.propagate-context} is {@code false}:
 * <ul>
 * <li>{@code mcpSecurityContextTaskDecorator} (Spring Security): the {@code SecurityContext}, through the
 * application's {@link SecurityContextHolderStrategy} bean when it has one;</li>
 * <li>{@code mcpContextPropagationTaskDecorator} (Micrometer context-propagation): Spring's
 * {@link ContextPropagatingTaskDecorator}, which restores every registered {@code ThreadLocalAccessor}, among them
 * the current Micrometer {@code Observation} (and with it the tracing span); it uses the application's
 * {@link ContextSnapshotFactory} bean when it has one;</li>
 * <li>{@code mcpObservationScopeTaskDecorator} (Micrometer Observation with context-propagation): just outside the
 * previous one, resets the observation scopes a handler left open, which the previous one, closing only the scope it
 * opened, would leave current on a pooled thread;</li>
 * <li>{@code mcpMdcTaskDecorator} (SLF4J): a copy of the whole MDC.</li>
 * </ul>
 * <p>
 * <b>Propagating twice.</b> Context-propagation restores every accessor registered with it, and some of them
 * cover what a dedicated decorator covers too. Both are kept, nested, with the same outcome as one of them:
 * <ul>
 * <li>Spring Security registers a {@code SecurityContextHolderThreadLocalAccessor}, so with context-propagation the
 * security context is set twice. The security decorator, inside, sets the same context again; it is kept because it
 * also gives the handler an empty context when the caller has none (the accessor then captures nothing, and
 * context-propagation leaves a thread local it captured nothing for as the thread had it) and because it honours
 * the application's {@code SecurityContextHolderStrategy} bean.</li>
 * <li>Context-propagation registers no MDC accessor by default. When an application registers one (or tracing
 * writes trace ids to the MDC as the observation scope opens), the MDC decorator, outside the others, sets the
 * caller's whole MDC before them and restores the thread's own MDC after them; they set and reset the same
 * values.</li>
 * </ul>
 * <p>
 * The beans are qualified {@link McpTaskDecorator @McpTaskDecorator} and are not default candidates, so they
 * never decorate the application's own executors (Spring Boot's {@code applicationTaskExecutor} composes every
 * default-candidate {@code TaskDecorator}). An application replaces one by defining a bean of the same name.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mcp.server.executor.propagate-context", matchIfMissing = true)
public class McpTaskDecoratorAutoConfiguration {

    /** Order of the Spring Security decorator, the innermost of the built-in ones. */
    public static final int SECURITY_CONTEXT_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

    /** Order of the context-propagation (Observation) decorator. */
    public static final int CONTEXT_PROPAGATION_ORDER = SECURITY_CONTEXT_ORDER + 1000;

    /** Order of the decorator that resets observation scopes a task left open, just outside the previous one. */
    public static final int OBSERVATION_SCOPE_ORDER = CONTEXT_PROPAGATION_ORDER + 500;

    /** Order of the MDC decorator, the outermost of the built-in ones. */
    public static final int MDC_ORDER = CONTEXT_PROPAGATION_ORDER + 1000;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SecurityContextHolder.class)
    static class SecurityContextConfiguration {

        @Bean(defaultCandidate = false)
        @McpTaskDecorator
        @Order(SECURITY_CONTEXT_ORDER)
        @ConditionalOnMissingBean(name = "mcpSecurityContextTaskDecorator")
        SecurityContextTaskDecorator mcpSecurityContextTaskDecorator(
                ObjectProvider<SecurityContextHolderStrategy> strategy) {
            SecurityContextHolderStrategy own = strategy.getIfUnique();
            return (own != null) ? new SecurityContextTaskDecorator(own) : new SecurityContextTaskDecorator();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ContextSnapshotFactory.class)
    static class ContextPropagationConfiguration {

        @Bean(defaultCandidate = false)
        @McpTaskDecorator
        @Order(CONTEXT_PROPAGATION_ORDER)
        @ConditionalOnMissingBean(name = "mcpContextPropagationTaskDecorator")
        ContextPropagatingTaskDecorator mcpContextPropagationTaskDecorator(
                ObjectProvider<ContextSnapshotFactory> snapshotFactory) {
            ContextSnapshotFactory own = snapshotFactory.getIfUnique();
            return (own != null) ? new ContextPropagatingTaskDecorator(own) : new ContextPropagatingTaskDecorator();
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor")
        static class ObservationScopeConfiguration {

            @Bean(defaultCandidate = false)
            @McpTaskDecorator
            @Order(OBSERVATION_SCOPE_ORDER)
            @ConditionalOnMissingBean(name = "mcpObservationScopeTaskDecorator")
            ObservationScopeTaskDecorator mcpObservationScopeTaskDecorator() {
                return new ObservationScopeTaskDecorator();
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.slf4j.MDC")
    static class MdcConfiguration {

        @Bean(defaultCandidate = false)
        @McpTaskDecorator
        @Order(MDC_ORDER)
        @ConditionalOnMissingBean(name = "mcpMdcTaskDecorator")
        MdcTaskDecorator mcpMdcTaskDecorator() {
            return new MdcTaskDecorator();
        }
    }
}
