package dev.mcpspring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Params of {@code notifications/cancelled}, sent by either side to cancel a request it sent.
 *
 * @param requestId the id of the request to cancel (absent only for a task, 2025-11-25)
 * @param reason    why, for logs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelledNotification(@Nullable JsonNode requestId, @Nullable String reason) {
}
