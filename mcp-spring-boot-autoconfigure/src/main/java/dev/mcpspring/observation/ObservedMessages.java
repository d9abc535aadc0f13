package dev.mcpspring.observation;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.McpMessageContext;
import tools.jackson.databind.JsonNode;

/** What the observation contexts read from a message. */
final class ObservedMessages {

    private ObservedMessages() {
    }

    static @Nullable String requestId(McpMessageContext message) {
        JsonNode id = message.requestId();
        if (id == null || id.isNull() || id.isMissingNode()) {
            return null;
        }
        return id.isString() || id.isNumber() ? id.asString() : id.toString(); // toString() would serialise
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
