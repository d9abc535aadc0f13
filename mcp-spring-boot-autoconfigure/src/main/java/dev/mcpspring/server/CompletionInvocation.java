package dev.mcpspring.server;

import java.util.Map;

/**
 * One {@code completion/complete}.
 *
 * @param argument  the argument or variable being completed
 * @param value     what the user typed so far
 * @param arguments values already chosen for the other arguments or variables
 * @param context   the request being handled
 */
public record CompletionInvocation(String argument, String value, Map<String, String> arguments,
        McpRequestContext context) {
}
