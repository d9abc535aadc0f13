package dev.mcpspring.protocol;

/**
 * Params of {@code notifications/elicitation/complete} (2025-11-25): the interaction a URL-mode elicitation
 * started has ended.
 *
 * @param elicitationId the id of that elicitation
 */
public record ElicitationCompleteNotification(String elicitationId) {
}
