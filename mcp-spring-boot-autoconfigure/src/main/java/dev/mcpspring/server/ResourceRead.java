package dev.mcpspring.server;

import java.util.Map;

/**
 * One {@code resources/read} of a resource or a template.
 *
 * @param uri       the URI the client asked for
 * @param variables the values of the template's variables (empty for a fixed resource)
 * @param context   the request being handled
 */
public record ResourceRead(String uri, Map<String, String> variables, McpRequestContext context) {
}
