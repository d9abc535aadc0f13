package dev.mcpspring.server;

import dev.mcpspring.protocol.ReadResourceResult;

/**
 * Reads a resource for {@code resources/read}. Throw {@link dev.mcpspring.protocol.McpException} with
 * {@link dev.mcpspring.protocol.ErrorCodes#RESOURCE_NOT_FOUND} when a template matched but no such resource
 * exists.
 */
@FunctionalInterface
public interface ResourceReader {

    /** The contents of the resource named by {@code read.uri()}. */
    ReadResourceResult read(ResourceRead read);
}
