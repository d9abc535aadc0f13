package dev.mcpspring.autoconfigure;

import java.util.function.Supplier;

import org.springframework.core.task.TaskDecorator;
import org.springframework.util.Assert;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

/**
 * Gives the running thread its own Micrometer observation scope back after a task, however many scopes the task
 * left open.
 * <p>
 * Restoring a propagated observation closes one scope, the one it opened; a handler that opens a scope and never
 * closes it would otherwise leave that observation (and with tracing, its span and the trace ids in the MDC) current
 * on a pooled thread, where the next task, perhaps another user's, would run inside it. Placed outside the
 * context-propagation decorator, this one compares the thread's scope before and after both, and resets what is
 * left.
 */
public class ObservationScopeTaskDecorator implements TaskDecorator {

    private final Supplier<ObservationRegistry> registry;

    /** Uses the registry the context-propagation accessor of observations uses. */
    public ObservationScopeTaskDecorator() {
        this(() -> ObservationThreadLocalAccessor.getInstance().getObservationRegistry());
    }

    ObservationScopeTaskDecorator(Supplier<ObservationRegistry> registry) {
        Assert.notNull(registry, "registry must not be null");
        this.registry = registry;
    }

    @Override
    public Runnable decorate(Runnable task) {
        return () -> {
            ObservationRegistry observations = registry.get();
            Observation.Scope before = observations.getCurrentObservationScope();
            try {
                task.run();
            }
            finally {
                Observation.Scope after = observations.getCurrentObservationScope();
                if (after != before) {
                    if (after != null) {
                        after.reset();
                    }
                    if (before != null) {
                        before.makeCurrent();
                    }
                }
            }
        };
    }
}
