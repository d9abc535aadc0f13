package dev.mcpspring.server.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.RequestState;

/**
 * The questions of a tool that answers later ({@code AsyncToolHandler}) in a call that may become a task: what the
 * handler asks on the request's thread before it returns its future goes into the request's rounds (a multi
 * round-trip request, answered before any task exists); what it asks afterwards, from the future's work, goes to the
 * task once the server has created it ({@link #toTask}). A question asked from another thread before the server has
 * decided waits for the decision; if the call is answered without a task, it fails.
 */
final class TaskSwitch implements InputChannel {

    private final InputRounds rounds;

    private final Thread requestThread;

    private final CompletableFuture<InputChannel> decided = new CompletableFuture<>();

    TaskSwitch(InputRounds rounds, Thread requestThread) {
        this.rounds = rounds;
        this.requestThread = requestThread;
    }

    @Override
    public <T> CompletableFuture<T> call(@Nullable String name, String method, @Nullable Object params,
            Class<T> resultType, Duration timeout) {
        if (!decided.isDone() && Thread.currentThread() == requestThread) {
            return rounds.call(name, method, params, resultType, timeout);
        }
        return decided.thenCompose(channel -> channel.call(name, method, params, resultType, timeout));
    }

    @Override
    public RequestState values() {
        return rounds.values();
    }

    @Override
    public void progress(double progress, @Nullable Double total, @Nullable String message) {
        InputChannel task = decided.getNow(null);
        if (task != null) {
            task.progress(progress, total, message);
        }
    }

    /** The call became a task: later questions are the task's. */
    void toTask(InputChannel task) {
        decided.complete(task);
    }

    /** The call was answered without a task: later questions have nobody to answer them. */
    void noTask() {
        decided.completeExceptionally(new McpRequestCancelledException("The call was answered; nobody is left to "
                + "answer questions asked after it"));
    }

    /** Whether the server has decided. */
    boolean isDecided() {
        return decided.isDone();
    }
}
