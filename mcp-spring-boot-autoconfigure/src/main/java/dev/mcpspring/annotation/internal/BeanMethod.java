package dev.mcpspring.annotation.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ReflectionUtils;

/**
 * An annotated method ready to be called on its bean: made accessible when it is not public, called without a
 * target when static; a Kotlin function with defaults or a {@code suspend} one is called as Kotlin does
 * ({@link KotlinSupport}). The bean is obtained on every call from the supplier (which caches singletons).
 */
final class BeanMethod {

    private final Method method;

    private final Supplier<?> bean;

    private final String source;

    private final KotlinSupport.@Nullable Caller kotlin;

    /**
     * @param invocable the method to call on the bean (the annotated one, or the proxy's interface method)
     * @param bean      supplies the object to call it on
     * @param source    the method's description for messages
     */
    BeanMethod(Method invocable, Supplier<?> bean, String source) {
        if (!Modifier.isPublic(invocable.getModifiers())
                || !Modifier.isPublic(invocable.getDeclaringClass().getModifiers())) {
            ReflectionUtils.makeAccessible(invocable);
        }
        this.method = invocable;
        this.bean = Modifier.isStatic(invocable.getModifiers()) ? () -> null : bean;
        this.source = source;
        this.kotlin = KotlinSupport.callerFor(invocable);
    }

    /** The method called. */
    Method method() {
        return method;
    }

    /** Where it came from, for messages: {@code Docs.guide() of bean 'docs'}. */
    String source() {
        return source;
    }

    /** The object to call the method on ({@code null} for a static method). */
    @Nullable Object target() {
        return bean.get();
    }

    /** Calls the method on the bean. */
    Object invoke(Object[] args) throws InvocationTargetException {
        return invoke(target(), args);
    }

    /**
     * Calls the method on {@code target}.
     *
     * @throws InvocationTargetException carrying what the method threw
     */
    Object invoke(Object target, Object[] args) throws InvocationTargetException {
        try {
            return kotlin != null ? kotlin.call(target, args) : method.invoke(target, args);
        }
        catch (IllegalAccessException ex) {
            throw new IllegalStateException("Cannot call " + source + ": " + ex.getMessage(), ex);
        }
    }

    /** What a method really threw: a checked exception that a proxy wrapped is unwrapped. */
    static Throwable unwrap(Throwable thrown) {
        Throwable failure = thrown instanceof InvocationTargetException invocation
                && invocation.getTargetException() != null ? invocation.getTargetException() : thrown;
        while (failure instanceof UndeclaredThrowableException undeclared
                && undeclared.getUndeclaredThrowable() != null) {
            failure = undeclared.getUndeclaredThrowable();
        }
        return failure;
    }
}
