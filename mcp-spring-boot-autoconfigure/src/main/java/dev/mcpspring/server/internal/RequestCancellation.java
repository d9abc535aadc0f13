package dev.mcpspring.server.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.server.McpRequestCancelledException;

/**
 * The cancellation state of one request being handled: a flag, the callbacks the handler registered, and the
 * calls to the client it is waiting on, which end at once when the request is cancelled.
 */
final class RequestCancellation {

    private static final Log logger = LogFactory.getLog(RequestCancellation.class);

    // made on first use, guarded by this: most requests are never cancelled and register nothing
    private @Nullable List<Runnable> callbacks;

    private @Nullable Set<CompletableFuture<?>> waiting;

    private volatile @Nullable String reason;

    private volatile boolean byClient;

    boolean isCancelled() {
        return reason != null;
    }

    /** Whether the client itself cancelled the request, which then gets no response. */
    boolean isCancelledByClient() {
        return byClient;
    }

    @Nullable String reason() {
        return reason;
    }

    /** The client sent {@code notifications/cancelled} for the request. */
    void cancelByClient(@Nullable String why) {
        byClient = true;
        cancel(why == null ? "cancelled by the client" : why);
    }

    /** The server side ended the request, for example because its session closed. */
    void cancel(String why) {
        List<Runnable> toRun;
        List<CompletableFuture<?>> toEnd;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            toRun = callbacks;
            toEnd = waiting == null ? null : new ArrayList<>(waiting);
            callbacks = null;
            waiting = null;
        }
        // outside the lock: a callback or a future's dependants may call back into this object
        if (toRun != null) {
            toRun.forEach(this::runSafely);
        }
        if (toEnd != null) {
            toEnd.forEach(future -> future.completeExceptionally(cancelled()));
        }
    }

    /** Runs {@code callback} when the request is cancelled, or at once if it already is. */
    void onCancel(Runnable callback) {
        synchronized (this) {
            if (reason == null) {
                if (callbacks == null) {
                    callbacks = new ArrayList<>(2);
                }
                callbacks.add(callback);
                return;
            }
        }
        runSafely(callback);
    }

    /** Ends {@code future} with {@link McpRequestCancelledException} if the request is cancelled first. */
    <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        synchronized (this) {
            if (reason == null) {
                if (waiting == null) {
                    waiting = new HashSet<>();
                }
                waiting.add(future);
                future.whenComplete((value, error) -> forget(future));
                return future;
            }
        }
        future.completeExceptionally(cancelled());
        return future;
    }

    private synchronized void forget(CompletableFuture<?> future) {
        if (waiting != null) {
            waiting.remove(future);
        }
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
