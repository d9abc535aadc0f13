package dev.mcpspring.server;

import dev.mcpspring.protocol.Resource;

/**
 * A resource at a fixed URI: its definition as listed, and the code that reads it.
 *
 * @param resource the definition sent in {@code resources/list}
 * @param reader   what runs on {@code resources/read}
 * @param source   where it came from, for error messages
 */
public record ResourceSpecification(Resource resource, ResourceReader reader, String source) {

    public ResourceSpecification(Resource resource, ResourceReader reader) {
        this(resource, reader, resource.uri());
    }
}
