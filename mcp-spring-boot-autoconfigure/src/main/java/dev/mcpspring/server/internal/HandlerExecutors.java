package dev.mcpspring.server.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;


/**
 * Makes the executor MCP handlers run on: one virtual thread per task when the JVM has virtual threads (Java 21
 * and later), else a bounded pool of platform threads with a bounded queue, so overload is refused instead of
 * growing without limit.
 */
public final class HandlerExecutors {

    private HandlerExecutors() {
    }

    /**
     * Virtual threads where the JVM has them, else the bounded pool.
     *
     * @param maxPlatformThreads pool size when virtual threads are not available
     * @param queueCapacity      waiting tasks allowed in that pool before new ones are refused
     */
    public static ExecutorService create(int maxPlatformThreads, int queueCapacity) {
        return create(maxPlatformThreads, queueCapacity, true);
    }

    /**
     * @param maxPlatformThreads pool size when virtual threads are not used
     * @param queueCapacity      waiting tasks allowed in that pool before new ones are refused
     * @param virtualThreads     whether to use virtual threads where the JVM has them ({@code false}: always the
     *                           bounded pool)
     */
    public static ExecutorService create(int maxPlatformThreads, int queueCapacity, boolean virtualThreads) {
        ExecutorService virtual = virtualThreads ? virtualThreadExecutor() : null;
        if (virtual != null) {
            return virtual;
        }
        ThreadPoolExecutor pool = new HandlerThreadPool(maxPlatformThreads, queueCapacity);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Whether this JVM offers virtual threads. */
    public static boolean virtualThreadsAvailable() {
        try {
            Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return true;
        }
        catch (NoSuchMethodException ex) {
            return false;
        }
    }

    /** Whether {@code executor} is the one {@link #create} makes on virtual threads: a new one for every task. */
    public static boolean startsVirtualThreads(Executor executor) {
        return executor instanceof VirtualThreadPerTaskExecutor;
    }

    /** Whether {@code executor} is one that {@link #create} made, either kind. */
    public static boolean isStartersOwn(Executor executor) {
        return executor instanceof VirtualThreadPerTaskExecutor || executor instanceof HandlerThreadPool;
    }

    private static @Nullable ExecutorService virtualThreadExecutor() {
        if (!virtualThreadsAvailable()) {
            return null;
        }
        try {
            // Looked up reflectively: the starter is compiled for Java 17, which has no virtual threads.
            return new VirtualThreadPerTaskExecutor(
                    (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null));
        }
        catch (ReflectiveOperationException ex) {
            return null;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "mcp-handler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The bounded pool of platform threads, under a type of this starter, which {@link #isStartersOwn} knows. */
    private static final class HandlerThreadPool extends ThreadPoolExecutor {

        HandlerThreadPool(int maxThreads, int queueCapacity) {
            super(maxThreads, maxThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(queueCapacity),
                    daemonThreads());
        }
    }

    /**
     * The JDK's virtual-thread-per-task executor under a type of this starter, which {@link #startsVirtualThreads}
     * recognises.
     */
    private static final class VirtualThreadPerTaskExecutor extends AbstractExecutorService {

        private final ExecutorService virtualThreads;

        VirtualThreadPerTaskExecutor(ExecutorService virtualThreads) {
            this.virtualThreads = virtualThreads;
        }

        @Override
        public void execute(Runnable task) {
            virtualThreads.execute(task);
        }

        @Override
        public void shutdown() {
            virtualThreads.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return virtualThreads.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return virtualThreads.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return virtualThreads.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return virtualThreads.awaitTermination(timeout, unit);
        }
    }
}
