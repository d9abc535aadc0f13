package dev.mcpspring.annotation.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;

/**
 * Methods that answer later: a tool, resource or prompt method may return a {@link CompletionStage} (such as a
 * {@link CompletableFuture}) or, with Reactor on the class path, a {@code Mono}; the request completes when it
 * does, with the value mapped as if the method had returned it, and the request's cancellation cancels it.
 */
final class AsyncResults {

    private static final String MONO = "reactor.core.publisher.Mono";

    private static final Class<?> MONO_CLASS = ClassUtils.isPresent(MONO, AsyncResults.class.getClassLoader())
            ? ClassUtils.resolveClassName(MONO, AsyncResults.class.getClassLoader()) : null;

    private AsyncResults() {
    }

    /** Whether a method of this return type answers later. */
    static boolean isAsync(Type returnType) {
        Class<?> raw = ResolvableType.forType(returnType).toClass();
        return CompletionStage.class.isAssignableFrom(raw) || (MONO_CLASS != null && MONO_CLASS.isAssignableFrom(raw));
    }

    /** The type of the value a method of this return type answers with: {@code T} of a future of {@code T}. */
    static Type valueType(Type returnType) {
        if (!isAsync(returnType)) {
            return returnType;
        }
        ResolvableType type = ResolvableType.forType(returnType);
        ResolvableType future = CompletionStage.class.isAssignableFrom(type.toClass())
                ? type.as(CompletionStage.class) : type.as(MONO_CLASS);
        ResolvableType value = future.getGeneric(0);
        Class<?> resolved = value.resolve();
        if (value.getType() instanceof TypeVariable<?> && resolved != null) {
            // CompletableFuture<X> seen as CompletionStage<T>: the variable, resolved against the declared type
            return (value.hasGenerics() ? ResolvableType.forClassWithGenerics(resolved, value.getGenerics())
                    : ResolvableType.forClass(resolved)).getType();
        }
        return value.getType();
    }

    /**
     * The value {@code result} completes with, waited for when the method answers later; what it failed with comes
     * out as what the method threw.
     *
     * @param context the request, whose cancellation cancels the wait and the future ({@code null}: none)
     */
    static Object await(Object result, McpRequestContext context) throws InvocationTargetException {
        CompletableFuture<?> future = toFuture(result);
        if (future == null) {
            return result;
        }
        PeerHandle peer = context == null ? null : context.peer();
        if (peer != null) {
            peer.onCancel(() -> future.cancel(true));
        }
        try {
            return future.get();
        }
        catch (ExecutionException ex) {
            throw new InvocationTargetException(ex.getCause() != null ? ex.getCause() : ex);
        }
        catch (CancellationException ex) {
            throw new InvocationTargetException(new McpRequestCancelledException("The request was cancelled while "
                    + "its answer was being computed"));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new InvocationTargetException(new McpRequestCancelledException("Interrupted while waiting for "
                    + "the answer"));
        }
    }

    /** The future of what a method that answers later returned, or {@code null} when it returned a plain value. */
    static @Nullable CompletableFuture<?> toFuture(@Nullable Object result) {
        if (result instanceof CompletionStage<?> stage) {
            return stage.toCompletableFuture();
        }
        if (MONO_CLASS != null && MONO_CLASS.isInstance(result)) {
            try {
                return (CompletableFuture<?>) MONO_CLASS.getMethod("toFuture").invoke(result);
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("Cannot subscribe to the Mono a method returned", ex);
            }
        }
        return null;
    }
}
