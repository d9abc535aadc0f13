package dev.mcpspring.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.util.Assert;

/**
 * Applies the {@link McpTaskDecorator @McpTaskDecorator} beans to the handler executor, with Spring's own
 * {@link TaskExecutorAdapter} and {@link CompositeTaskDecorator}.
 * <p>
 * The executor itself stays as it is (and keeps its own lifecycle: the adapter has none); only the view the
 * transport submits to decorates. A full executor still refuses with a
 * {@link java.util.concurrent.RejectedExecutionException} (Spring's {@code TaskRejectedException}).
 */
public final class McpTaskDecorators {

    private static final Set<String> CONTEXT_CARRIERS = Set.of(
            "dev.mcpspring.autoconfigure.SecurityContextTaskDecorator",
            "org.springframework.core.task.support.ContextPropagatingTaskDecorator",
            "dev.mcpspring.autoconfigure.ObservationScopeTaskDecorator",
            "dev.mcpspring.autoconfigure.MdcTaskDecorator");

    private McpTaskDecorators() {
    }

    /**
     * Whether {@code decorator} is one of the built-in ones of {@link McpTaskDecoratorAutoConfiguration}, which only
     * carry the submitting thread's context over to the thread that runs the task (and tidy that thread up after
     * it): on the submitting thread itself they would restore what is already there. Compared by class name, so
     * that the check loads no class of an optional library; an application's replacement of one of them, of
     * another class, counts as its own.
     */
    public static boolean carriesContextOnly(TaskDecorator decorator) {
        return CONTEXT_CARRIERS.contains(decorator.getClass().getName());
    }

    /**
     * An executor that decorates every task with {@code decorators} (in the given order, the first innermost)
     * before handing it to {@code executor}; {@code executor} itself when there is no decorator.
     */
    public static Executor decorate(Executor executor, List<? extends TaskDecorator> decorators) {
        Assert.notNull(executor, "executor must not be null");
        if (decorators.isEmpty()) {
            return executor;
        }
        TaskExecutorAdapter adapter = new TaskExecutorAdapter(executor);
        adapter.setTaskDecorator(decorators.size() == 1 ? decorators.get(0) : new CompositeTaskDecorator(decorators));
        return adapter;
    }
}
