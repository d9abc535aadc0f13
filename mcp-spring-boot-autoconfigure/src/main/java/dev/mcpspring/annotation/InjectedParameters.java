package dev.mcpspring.annotation;

import java.util.Map;
import java.util.function.Function;

import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;

/**
 * The parameter types that the framework supplies to an annotated method instead of binding them from the
 * request: the same for tools, resources, prompts and completions. They never appear in a tool's input schema or
 * a prompt's arguments. Adding a type here (for example the principal) is all it takes to make it injectable
 * everywhere.
 */
final class InjectedParameters {

    private static final Map<Class<?>, Function<McpRequestContext, Object>> RESOLVERS = Map.of(
            McpRequestContext.class, context -> context,
            PeerHandle.class, context -> context == null ? null : context.peer());

    private InjectedParameters() {
    }

    /**
     * How to obtain a parameter of this declared type, or {@code null} when it is not injected.
     *
     * @param parameterType the parameter's declared type
     * @param contextOf     the request context of a call (its {@code context()})
     * @param <I>           the type of a call: {@code ToolInvocation}, {@code ResourceRead}, ...
     */
    static <I> Function<I, Object> resolverFor(Class<?> parameterType, Function<I, McpRequestContext> contextOf) {
        Function<McpRequestContext, Object> resolver = RESOLVERS.get(parameterType);
        return resolver == null ? null : invocation -> resolver.apply(contextOf.apply(invocation));
    }
}
