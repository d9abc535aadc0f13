package dev.mcpspring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * Params of {@code notifications/cancelled}, sent by either side to cancel a request it sent.
 *
 * @param requestId the id of the request to cancel
 * @param reason    why, for logs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelledNotification(JsonNode requestId, String reason) {
}
