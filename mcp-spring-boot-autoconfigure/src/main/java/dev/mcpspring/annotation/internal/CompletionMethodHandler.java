package dev.mcpspring.annotation.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.BaseStream;
import java.util.stream.Stream;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.protocol.CompleteResult;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.server.CompletionHandler;
import dev.mcpspring.server.CompletionInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.ResolvableType;

/**
 * Suggests values with a {@link McpComplete} method: binds its parameters, calls it (through the bean's proxy
 * when it has one) and keeps the first {@value CompleteResult#MAX_VALUES} suggestions, counting them all (a
 * stream's up to {@value #MAX_COUNTED}). A failure of the method gives no suggestions (and is logged); an
 * {@link McpException} is answered as thrown.
 */
final class CompletionMethodHandler implements CompletionHandler {

    private static final Log logger = LogFactory.getLog(CompletionMethodHandler.class);

    /** How many values of a stream are counted for the total, at most: it may be endless. */
    static final int MAX_COUNTED = 10_000;

    private static final String SUPPORTED = "a completion method returns a List (or any collection), array or"
            + " Stream of String, or a CompleteResult";

    private static final CompleteResult NONE = CompleteResult.of(List.of());

    private final BeanMethod method;

    private final List<Function<CompletionInvocation, Object>> binders;

    CompletionMethodHandler(BeanMethod method, List<Function<CompletionInvocation, Object>> binders) {
        this.method = method;
        this.binders = List.copyOf(binders);
    }

    /**
     * Checks that a method's return type can be mapped.
     *
     * @param returnType the declared return type, resolved against the bean class
     * @throws IllegalArgumentException saying what is supported
     */
    static void checkSupported(Type returnType) {
        ResolvableType type = ResolvableType.forType(returnType);
        Class<?> raw = type.toClass();
        if (raw == CompleteResult.class || raw == Object.class) {
            return;
        }
        Class<?> element = null;
        if (Iterable.class.isAssignableFrom(raw)) {
            element = type.as(Iterable.class).getGeneric(0).toClass();
        }
        else if (Stream.class.isAssignableFrom(raw)) {
            element = type.as(Stream.class).getGeneric(0).toClass();
        }
        else if (raw.isArray()) {
            element = type.getComponentType().toClass();
        }
        if (element != null && (CharSequence.class.isAssignableFrom(element) || element == Object.class)) {
            return;
        }
        throw new IllegalArgumentException("its return type " + type + " is not supported: " + SUPPORTED);
    }

    @Override
    public List<String> complete(CompletionInvocation invocation) {
        return result(invocation).completion().values();
    }

    @Override
    public CompleteResult result(CompletionInvocation invocation) {
        Object[] args = new Object[binders.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = binders.get(i).apply(invocation);
        }
        try {
            return toResult(method.invoke(args));
        }
        catch (InvocationTargetException ex) {
            return failed(ex.getTargetException(), invocation);
        }
        catch (RuntimeException ex) {
            // thrown while a lazy stream or collection was read
            return failed(ex, invocation);
        }
    }

    private CompleteResult failed(Throwable thrown, CompletionInvocation invocation) {
        Throwable failure = HandlerFailures.unwrap(thrown);
        logger.warn("Completion of '" + invocation.argument() + "' failed: " + method.source()
                + " threw an exception; the client gets no suggestions", failure);
        return NONE;
    }

    private static CompleteResult toResult(Object value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof CompleteResult result) {
            return result;
        }
        if (value instanceof BaseStream<?, ?> stream) {
            try (stream) {
                return collect(stream.iterator(), false);
            }
        }
        if (value instanceof Iterable<?> iterable) {
            return collect(iterable.iterator(), iterable instanceof Collection<?>);
        }
        if (value instanceof Object[] array) {
            return collect(Arrays.asList(array).iterator(), true);
        }
        if (value instanceof CharSequence text) {
            return CompleteResult.of(List.of(text.toString()));
        }
        throw new IllegalStateException("a " + value.getClass().getName() + " is not a list of suggestions: "
                + SUPPORTED);
    }

    /**
     * The first values, and how many there were in all; {@code null} elements are left out. A stream or another
     * iterable may not end: it is counted up to {@value #MAX_COUNTED} values, and beyond that its total is not
     * known.
     */
    private static CompleteResult collect(Iterator<?> elements, boolean finite) {
        List<String> values = new ArrayList<>();
        int total = 0;
        while (elements.hasNext()) {
            Object element = elements.next();
            if (element == null) {
                continue;
            }
            if (total++ < CompleteResult.MAX_VALUES) {
                values.add(element.toString());
            }
            else if (!finite && total > MAX_COUNTED) {
                return new CompleteResult(new CompleteResult.Completion(values, null, true), null);
            }
        }
        return new CompleteResult(new CompleteResult.Completion(values, total, total > values.size()), null);
    }
}
