package dev.mcpspring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.core.task.TaskDecorator;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.Assert;

/**
 * Runs a task with the Spring Security context of the thread that submitted it, with Spring Security's
 * {@link DelegatingSecurityContextRunnable}: the context is set for the task, and the running thread's own context
 * is restored (or cleared) afterwards.
 */
public class SecurityContextTaskDecorator implements TaskDecorator {

    private final @Nullable SecurityContextHolderStrategy strategy;

    /** Uses the strategy {@link SecurityContextHolder} has when a task is decorated. */
    public SecurityContextTaskDecorator() {
        this.strategy = null;
    }

    /** Uses {@code strategy}, for example the application's {@code SecurityContextHolderStrategy} bean. */
    public SecurityContextTaskDecorator(SecurityContextHolderStrategy strategy) {
        Assert.notNull(strategy, "strategy must not be null");
        this.strategy = strategy;
    }

    @Override
    public Runnable decorate(Runnable task) {
        SecurityContextHolderStrategy holder = (strategy != null) ? strategy
                : SecurityContextHolder.getContextHolderStrategy();
        DelegatingSecurityContextRunnable runnable = new DelegatingSecurityContextRunnable(task, holder.getContext());
        runnable.setSecurityContextHolderStrategy(holder);
        return runnable;
    }
}
