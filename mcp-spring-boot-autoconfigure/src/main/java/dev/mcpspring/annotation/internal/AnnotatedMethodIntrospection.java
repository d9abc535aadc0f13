package dev.mcpspring.annotation.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.annotation.McpTool;

/**
 * What the registration of annotated methods decides about a class and its methods, for code that must agree with
 * it without registering anything: the ahead-of-time processing that records the reflection the methods will need
 * in a native image. The answers come from the same code the registration runs, so they cannot drift apart.
 */
public final class AnnotatedMethodIntrospection {

    private AnnotatedMethodIntrospection() {
    }

    /** {@link McpTool}, {@link McpResource}, {@link McpPrompt} and {@link McpComplete}. */
    public static List<Class<? extends Annotation>> annotationTypes() {
        return AnnotatedMethods.ANNOTATION_TYPES;
    }

    /**
     * The methods of a class (and of its interfaces) that the registration finds, each with the annotations it
     * carries, in a stable order.
     */
    public static Map<Method, List<Class<? extends Annotation>>> annotatedMethods(Class<?> type) {
        return AnnotatedMethods.findAny(type, AnnotatedMethods.ANNOTATION_TYPES);
    }

    /**
     * Whether a parameter of this declared type is supplied by the server ({@code PeerHandle},
     * {@code McpRequestContext}, the caller) rather than bound from the request.
     */
    public static boolean isInjected(Class<?> parameterType) {
        return InjectedParameters.resolverFor(parameterType, invocation -> null) != null;
    }
}
