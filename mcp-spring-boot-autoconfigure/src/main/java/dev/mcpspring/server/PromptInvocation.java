package dev.mcpspring.server;

import java.util.Map;

/**
 * One {@code prompts/get}.
 *
 * @param arguments the arguments the client supplied (every required one is present)
 * @param context   the request being handled
 */
public record PromptInvocation(Map<String, String> arguments, McpRequestContext context) {
}
