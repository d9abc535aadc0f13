package dev.mcpspring.transport.internal;

import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.internal.VirtualThreads;
import dev.mcpspring.server.internal.HandlerExecutors;

/**
 * Where the servlet runs the work of a request: on the request's own thread, or handed to the handler executor.
 * <p>
 * Handing over exists so that a tool waiting for the client (sampling, elicitation, roots) holds none of the
 * container's threads, which the client's answer may need. Work that cannot wait for the client (a tool that
 * {@linkplain dev.mcpspring.server.ToolHandler#runsOnRequestThread() says so}, a list) runs on the request's thread,
 * as a controller method does, saving a thread switch and two wake-ups per call. So does all work when the
 * container serves the request on a virtual thread of its own ({@code spring.threads.virtual.enabled}) and the
 * handler executor is the starter's virtual-thread one: that thread is what the executor would start.
 * <p>
 * Both apply only to the starter's own handler executor: an application's own {@code mcpHandlerExecutor} runs every
 * request's work, which is what an application that bounds or instruments its tools that way expects. Work that a
 * handler submits from its thread (a task, say) must run beside it, on the handler executor itself: only the
 * servlet uses this.
 */
public final class RequestThreadExecutor {

    private final Executor handlers;

    /** Runs work on the calling thread; {@code null} when every request's work is handed over. */
    private final @Nullable Executor requestThread;

    private final boolean virtualHandlers;

    private RequestThreadExecutor(Executor handlers, @Nullable Executor requestThread, boolean virtualHandlers) {
        this.handlers = handlers;
        this.requestThread = requestThread;
        this.virtualHandlers = virtualHandlers;
    }

    /**
     * The executor of the servlet's work.
     *
     * @param handlers         the handler executor
     * @param decorateHandOver what the servlet applies to the handler executor before it hands work to it (the task
     *                         decorators)
     * @param decorateHere     what it applies to the request's thread as an executor: the decorators that do more
     *                         than carry the request thread's context to another thread
     */
    public static RequestThreadExecutor of(Executor handlers, UnaryOperator<Executor> decorateHandOver,
            UnaryOperator<Executor> decorateHere) {
        boolean own = HandlerExecutors.isStartersOwn(handlers);
        return new RequestThreadExecutor(decorateHandOver.apply(handlers),
                own ? decorateHere.apply(RequestThreadExecutor::runHere) : null,
                HandlerExecutors.startsVirtualThreads(handlers));
    }

    /**
     * Runs {@code work} on this thread or the handler executor.
     *
     * @param immediate whether the work cannot wait for the client
     * @throws java.util.concurrent.RejectedExecutionException when the handler executor refuses it
     */
    public void execute(Runnable work, boolean immediate) {
        if (runsHere(immediate)) {
            requestThread.execute(work);
        }
        else {
            handlers.execute(work);
        }
    }

    /**
     * Whether {@link #execute} runs such work on the calling thread, before it returns.
     *
     * @param immediate whether the work cannot wait for the client
     */
    public boolean runsHere(boolean immediate) {
        return requestThread != null
                && (immediate || virtualHandlers && VirtualThreads.isVirtual(Thread.currentThread()));
    }

    private static void runHere(Runnable work) {
        try {
            work.run();
        }
        catch (RuntimeException | Error ex) {
            // as on a thread of its own: the failure goes to the thread's handler, not to the servlet's caller
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, ex);
        }
    }
}
