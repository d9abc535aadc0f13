package dev.mcpspring.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.task.TaskDecorator;

/**
 * Runs a task with a copy of the SLF4J {@link MDC} of the thread that submitted it, and gives the running thread its
 * own MDC back afterwards (so nothing the caller or the task put there stays on a pooled thread).
 */
public class MdcTaskDecorator implements TaskDecorator {

    @Override
    public Runnable decorate(Runnable task) {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            replace(captured);
            try {
                task.run();
            }
            finally {
                replace(previous);
            }
        };
    }

    private static void replace(@Nullable Map<String, String> context) {
        if (context == null || context.isEmpty()) {
            MDC.clear();
        }
        else {
            MDC.setContextMap(context);
        }
    }
}
