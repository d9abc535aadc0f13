package dev.mcpspring.server.internal;

import tools.jackson.databind.JsonNode;

/** The handler of one request method; its return value becomes the response's {@code result}. */
@FunctionalInterface
interface RequestHandler {

    Object handle(RequestContext context, JsonNode params);
}
