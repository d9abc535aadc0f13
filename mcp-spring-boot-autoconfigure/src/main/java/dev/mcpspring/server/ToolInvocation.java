package dev.mcpspring.server;

import tools.jackson.databind.node.ObjectNode;

/**
 * One call of a tool.
 *
 * @param arguments the call's arguments; an empty object when the client sent none
 * @param context   the request being handled, with the {@link PeerHandle}
 */
public record ToolInvocation(ObjectNode arguments, McpRequestContext context) {
}
