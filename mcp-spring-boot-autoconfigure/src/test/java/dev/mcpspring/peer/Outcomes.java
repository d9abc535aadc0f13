package dev.mcpspring.peer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What the test tools saw, by a key the test chooses: the value a call to the client returned or the exception
 * it threw, whether a cancellation callback ran. Lets a test check the exact Java outcome on the server side,
 * which the wire only shows as text.
 */
public class Outcomes {

    private final Map<String, CompletableFuture<Object>> outcomes = new ConcurrentHashMap<>();

    /** Runs {@code call} and records what it returned or threw under {@code key}; rethrows. */
    public <T> T record(String key, Supplier<T> call) {
        try {
            T value = call.get();
            future(key).complete(value);
            return value;
        }
        catch (RuntimeException ex) {
            future(key).completeExceptionally(ex);
            throw ex;
        }
    }

    /** Records a value under {@code key}. */
    public void set(String key, Object value) {
        future(key).complete(value);
    }

    /** Whether anything was recorded under {@code key}. */
    public boolean has(String key) {
        return future(key).isDone();
    }

    /** The value recorded under {@code key}; fails when it was an exception or nothing comes within {@code wait}. */
    public Object value(String key, Duration wait) {
        try {
            return future(key).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw new AssertionError("expected a value for " + key + " but the call threw " + ex.getCause(),
                    ex.getCause());
        }
        catch (InterruptedException | TimeoutException ex) {
            throw new AssertionError("nothing recorded for " + key + " within " + wait);
        }
    }

    /** The exception recorded under {@code key}; fails when it was a value or nothing comes within {@code wait}. */
    public Throwable failure(String key, Duration wait) {
        try {
            Object value = future(key).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected " + key + " to fail but it returned " + value);
        }
        catch (ExecutionException ex) {
            return ex.getCause();
        }
        catch (InterruptedException | TimeoutException ex) {
            throw new AssertionError("nothing recorded for " + key + " within " + wait);
        }
    }

    private CompletableFuture<Object> future(String key) {
        return outcomes.computeIfAbsent(key, k -> new CompletableFuture<>());
    }
}
