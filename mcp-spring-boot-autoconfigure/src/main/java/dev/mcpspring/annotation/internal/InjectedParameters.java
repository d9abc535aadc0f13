package dev.mcpspring.annotation.internal;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.util.ClassUtils;

import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;

/**
 * The parameter types that the framework supplies to an annotated method instead of binding them from the
 * request: the same for tools, resources, prompts and completions. They never appear in a tool's input schema or
 * a prompt's arguments. Adding a type here is all it takes to make it injectable everywhere.
 * <ul>
 * <li>{@link McpRequestContext} and {@link PeerHandle};</li>
 * <li>{@link Principal}: the request's {@link McpRequestContext#principal() principal}, {@code null} when
 * anonymous;</li>
 * <li>Spring Security's {@code Authentication}, when Spring Security is on the class path: the same principal when
 * it is one, else {@code null}.</li>
 * </ul>
 */
final class InjectedParameters {

    private static final Map<Class<?>, Function<McpRequestContext, Object>> RESOLVERS;

    static {
        Map<Class<?>, Function<McpRequestContext, Object>> resolvers = new HashMap<>();
        resolvers.put(McpRequestContext.class, context -> context);
        resolvers.put(PeerHandle.class, context -> context == null ? null : context.peer());
        resolvers.put(Principal.class, context -> context == null ? null : context.principal());
        if (ClassUtils.isPresent("org.springframework.security.core.Authentication",
                InjectedParameters.class.getClassLoader())) {
            SpringSecurity.register(resolvers);
        }
        RESOLVERS = Map.copyOf(resolvers);
    }

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

    /**
     * Whether a parameter of this declared type lets a method reach the client (and so wait for it):
     * {@link PeerHandle}, and {@link McpRequestContext}, which gives one.
     */
    static boolean reachesClient(Class<?> parameterType) {
        return parameterType == PeerHandle.class || parameterType == McpRequestContext.class;
    }

    /** The only place that names a Spring Security type: loaded only when Spring Security is present. */
    private static final class SpringSecurity {

        static void register(Map<Class<?>, Function<McpRequestContext, Object>> resolvers) {
            resolvers.put(org.springframework.security.core.Authentication.class,
                    context -> context != null
                            && context.principal() instanceof org.springframework.security.core.Authentication a ? a
                                    : null);
        }
    }
}
