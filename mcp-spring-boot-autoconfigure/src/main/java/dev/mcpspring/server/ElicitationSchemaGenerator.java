package dev.mcpspring.server;

import tools.jackson.databind.node.ObjectNode;

/**
 * Derives the {@code requestedSchema} of a form-mode elicitation from a Java type, for
 * {@link PeerHandle#elicit(String, Class)}: an object schema whose properties are strings, numbers, integers,
 * booleans, enums or arrays of enums, as the elicitation spec allows.
 */
@FunctionalInterface
public interface ElicitationSchemaGenerator {

    /**
     * The schema for {@code type}.
     *
     * @throws IllegalArgumentException naming the property that an elicitation form cannot ask for
     */
    ObjectNode schemaFor(Class<?> type);
}
