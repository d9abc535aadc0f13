package dev.mcpspring.test.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.test.McpNotification;
import tools.jackson.databind.JsonNode;

/**
 * What came back for one request.
 *
 * @param response      the JSON-RPC response (with {@code result} or {@code error}); {@code null} when the HTTP
 *                      response carried none
 * @param httpStatus    the HTTP status of the (last) response
 * @param body          the HTTP body when it was not a JSON-RPC message, else {@code null}
 * @param notifications the notifications the server sent while it handled the request
 */
public record Outcome(@Nullable JsonNode response, int httpStatus, @Nullable String body,
        List<McpNotification> notifications) {
}
