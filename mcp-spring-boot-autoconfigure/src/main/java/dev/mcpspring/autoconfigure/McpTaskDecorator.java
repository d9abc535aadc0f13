package dev.mcpspring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskDecorator;

/**
 * Qualifier of the {@link TaskDecorator} beans that decorate MCP handler tasks: every task the transport submits to
 * the handler executor ({@code mcpHandlerExecutor}) from a request thread, and only those. Work that the servlet
 * runs on the request thread itself (a tool that cannot wait for the client) gets the application's decorators but
 * not the built-in ones, which would only restore the context that thread already has.
 * <p>
 * The decorators are composed in {@link org.springframework.core.annotation.Order @Order} order the way
 * {@link org.springframework.core.task.support.CompositeTaskDecorator} (and Spring Boot's
 * {@code applicationTaskExecutor}) composes them: each one decorates the result of the one before, so the first
 * (highest precedence) is the innermost, closest to the handler, and the last is the outermost. All of them run
 * {@link TaskDecorator#decorate(Runnable)} on the request thread, which is where a decorator captures the context it
 * restores on the handler thread. The built-in decorators of {@link McpTaskDecoratorAutoConfiguration} use
 * {@link McpTaskDecoratorAutoConfiguration#SECURITY_CONTEXT_ORDER} and the orders after it; a decorator without
 * {@code @Order} comes after them (outside them).
 * <p>
 * Declare the bean with {@code defaultCandidate = false} so that it decorates MCP handler tasks only: a plain
 * {@code TaskDecorator} bean is also applied by Spring Boot to its {@code applicationTaskExecutor} (which composes
 * every default-candidate {@code TaskDecorator}), and is in turn not applied to MCP handler tasks unless it carries
 * this qualifier.
 *
 * <pre>{@code
 * @Bean(defaultCandidate = false)
 * @McpTaskDecorator
 * @Order(100)
 * TaskDecorator tenantTaskDecorator() {
 *     return task -> {
 *         String tenant = TenantHolder.get();   // on the request thread
 *         return () -> {
 *             TenantHolder.set(tenant);         // on the handler thread
 *             try {
 *                 task.run();
 *             }
 *             finally {
 *                 TenantHolder.clear();
 *             }
 *         };
 *     };
 * }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE,
        ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface McpTaskDecorator {
}
