package dev.mcpspring.server.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mcpspring.server.McpRequestCancelledException;

/**
 * The cancellation state of one request being handled: a flag, the callbacks the handler registered, and the
 * calls to the client it is waiting on, which end at once when the request is cancelled.
 */
final class RequestCancellation {

    private static final Log logger = LogFactory.getLog(RequestCancellation.class);

    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();

    private volatile String reason;

    private volatile boolean byClient;

    boolean isCancelled() {
        return reason != null;
    }

    /** Whether the client itself cancelled the request, which then gets no response. */
    boolean isCancelledByClient() {
        return byClient;
    }

    String reason() {
        return reason;
    }

    /** The client sent {@code notifications/cancelled} for the request. */
    void cancelByClient(String why) {
        byClient = true;
        cancel(why == null ? "cancelled by the client" : why);
    }

    /** The server side ended the request, for example because its session closed. */
    void cancel(String why) {
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
        }
        // a callback runs on the thread that takes it off the list: here, or in onCancel when it raced with this
        for (Runnable callback : callbacks) {
            if (callbacks.remove(callback)) {
                runSafely(callback);
            }
        }
        waiting.forEach(future -> future.completeExceptionally(cancelled()));
    }

    void onCancel(Runnable callback) {
        callbacks.add(callback);
        if (isCancelled() && callbacks.remove(callback)) {
            runSafely(callback);
        }
    }

    /** Ends {@code future} with {@link McpRequestCancelledException} if the request is cancelled first. */
    <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        waiting.add(future);
        future.whenComplete((value, error) -> waiting.remove(future));
        if (isCancelled()) {
            future.completeExceptionally(cancelled());
        }
        return future;
    }

    /** The failure of a call to the client that ends because the request was cancelled. */
    McpRequestCancelledException cancelled() {
        return new McpRequestCancelledException("The request was cancelled: " + reason);
    }

    private void runSafely(Runnable callback) {
        try {
            callback.run();
        }
        catch (RuntimeException ex) {
            logger.warn("A cancellation callback failed", ex);
        }
    }
}
