package dev.mcpspring.observation;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.McpMessageContext;
import tools.jackson.databind.JsonNode;

/** What the observation contexts read from a message. */
final class ObservedMessages {

    /** Every method name the protocol defines: {@link McpMethods}' constants. */
    private static final Set<String> PROTOCOL_METHODS = Arrays.stream(McpMethods.class.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
        .map(ObservedMessages::value)
        .collect(Collectors.toUnmodifiableSet());

    private ObservedMessages() {
    }

    /** Whether {@code method} is one the protocol defines, not a name the client made up. */
    static boolean isProtocolMethod(String method) {
        return PROTOCOL_METHODS.contains(method);
    }

    private static String value(Field constant) {
        try {
            return (String) constant.get(null);
        }
        catch (IllegalAccessException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static @Nullable String requestId(McpMessageContext message) {
        JsonNode id = message.requestId();
        if (id == null || id.isNull() || id.isMissingNode()) {
            return null;
        }
        return id.isString() || id.isNumber() ? id.asString() : id.toString(); // toString() would serialise
    }

    /** The {@code name} of a message's params (the tool of a {@code tools/call}, say), {@code null} if none. */
    static @Nullable String name(McpMessageContext message) {
        JsonNode params = message.params();
        JsonNode name = params == null ? null : params.get("name");
        return name != null && name.isString() ? name.asString() : null;
    }

    static @Nullable String resourceUri(McpMessageContext message) {
        String method = message.method();
        if (!McpMethods.RESOURCES_READ.equals(method) && !McpMethods.RESOURCES_SUBSCRIBE.equals(method)
                && !McpMethods.RESOURCES_UNSUBSCRIBE.equals(method)
                && !McpMethods.NOTIFICATION_RESOURCES_UPDATED.equals(method)) {
            return null;
        }
        JsonNode params = message.params();
        JsonNode uri = params == null ? null : params.get("uri");
        return uri != null && uri.isString() ? uri.asString() : null;
    }
}
