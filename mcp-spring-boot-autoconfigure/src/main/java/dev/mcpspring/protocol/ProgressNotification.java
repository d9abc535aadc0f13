package dev.mcpspring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Params of {@code notifications/progress}.
 *
 * @param progressToken the token the client sent in the request's {@code _meta}
 * @param progress      progress so far; increases with every notification
 * @param total         total when known
 * @param message       what is happening (2025-03-26 and later)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressNotification(Object progressToken, double progress, @Nullable Double total,
        @Nullable String message) {
}
