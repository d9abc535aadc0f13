package dev.mcpspring.annotation;

import java.util.Map;
import java.util.function.Function;

import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.ToolInvocation;

/**
 * The parameter types that the framework supplies to a {@link McpTool} method instead of binding them from the
 * call's arguments. They never appear in the input schema. Adding a type here (for example the principal) is all
 * it takes to make it injectable.
 */
final class InjectedParameters {

    private static final Map<Class<?>, Function<ToolInvocation, Object>> RESOLVERS = Map.of(
            McpRequestContext.class, ToolInvocation::context,
            PeerHandle.class, invocation -> invocation.context() == null ? null : invocation.context().peer());

    private InjectedParameters() {
    }

    /** How to obtain a parameter of this declared type, or {@code null} when it is bound from the arguments. */
    static Function<ToolInvocation, Object> resolverFor(Class<?> parameterType) {
        return RESOLVERS.get(parameterType);
    }
}
