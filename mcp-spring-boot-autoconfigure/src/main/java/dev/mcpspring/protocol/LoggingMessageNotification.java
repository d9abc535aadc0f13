package dev.mcpspring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Params of {@code notifications/message}.
 *
 * @param level  the severity
 * @param logger optional name of the logger
 * @param data   any JSON value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggingMessageNotification(LoggingLevel level, @Nullable String logger, Object data) {
}
