package dev.mcpspring.server.internal;

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
        ThreadPoolExecutor pool = new ThreadPoolExecutor(maxPlatformThreads, maxPlatformThreads, 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(queueCapacity), daemonThreads());
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

    private static @Nullable ExecutorService virtualThreadExecutor() {
        if (!virtualThreadsAvailable()) {
            return null;
        }
        try {
            // Looked up reflectively: the starter is compiled for Java 17, which has no virtual threads.
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
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
}
