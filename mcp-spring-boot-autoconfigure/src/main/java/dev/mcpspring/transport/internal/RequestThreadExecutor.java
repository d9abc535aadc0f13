package dev.mcpspring.transport.internal;

import java.util.concurrent.Executor;

import dev.mcpspring.server.internal.HandlerExecutors;

/**
 * Runs the work of a request on the request's own thread when that is a virtual thread, and on the handler
 * executor otherwise. Only for the starter's handler executor, which starts a virtual thread per task: when the
 * container already serves every request on a virtual thread of its own ({@code spring.threads.virtual.enabled}),
 * that thread is what the executor would start, and handing the work over would only cost a thread start and two
 * wake-ups per call. On a container thread from a pool the work still moves to a virtual thread, so that a tool
 * that blocks holds none of the container's threads.
 * <p>
 * Only the servlet uses it: work that a handler submits from its virtual thread (a task, say) must run beside it,
 * on the handler executor itself.
 */
public final class RequestThreadExecutor implements Executor {

    private final Executor handlers;

    private RequestThreadExecutor(Executor handlers) {
        this.handlers = handlers;
    }

    /**
     * The executor the servlet runs the work of requests on: {@code handlers} itself unless it is the starter's
     * virtual-thread executor ({@link HandlerExecutors#startsVirtualThreads}); an application's own executor is
     * always used as it is.
     */
    public static Executor forRequests(Executor handlers) {
        return HandlerExecutors.startsVirtualThreads(handlers) ? new RequestThreadExecutor(handlers) : handlers;
    }

    @Override
    public void execute(Runnable work) {
        if (!HandlerExecutors.isVirtual(Thread.currentThread())) {
            handlers.execute(work);
            return;
        }
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
