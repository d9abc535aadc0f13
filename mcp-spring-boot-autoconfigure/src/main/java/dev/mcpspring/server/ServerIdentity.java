package dev.mcpspring.server;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.Implementation;

/**
 * How this server introduces itself in {@code initialize}.
 *
 * @param serverInfo   name, title and version
 * @param instructions hints for the model on how to use the server, or {@code null}
 */
public record ServerIdentity(Implementation serverInfo, @Nullable String instructions) {
}
