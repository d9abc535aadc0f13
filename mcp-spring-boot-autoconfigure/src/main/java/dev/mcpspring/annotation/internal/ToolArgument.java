package dev.mcpspring.annotation.internal;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;

import dev.mcpspring.annotation.McpTool;

/**
 * One parameter of a {@link McpTool} method that is bound from the call's arguments (as opposed to an injected
 * one), as analysed once at startup.
 *
 * @param name            the property name in the {@code arguments} object
 * @param parameter       the method parameter, with annotations merged from interfaces
 * @param valueType       the type bound from JSON: the declared type resolved against the bean class, with an
 *                        {@code Optional} unwrapped
 * @param optionalWrapper whether the declared type is {@code Optional}
 * @param required        whether the argument must be present and not {@code null}
 * @param title           the argument's title, or {@code null}
 * @param description     the argument's description, or {@code null}
 * @param header          the {@code Mcp-Param-*} header the argument is mirrored into, or {@code null}
 */
record ToolArgument(String name, MethodParameter parameter, Type valueType, boolean optionalWrapper, boolean required,
        @Nullable String title, @Nullable String description, @Nullable String header) {
}
