package dev.mcpspring.annotation;

import dev.mcpspring.server.ElicitationSchemaGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives elicitation form schemas from records and beans, with the same generator as tool input schemas.
 */
public class ElicitationSchemas implements ElicitationSchemaGenerator {

    private final ToolSchemas schemas;

    public ElicitationSchemas(ObjectMapper mapper) {
        this.schemas = new ToolSchemas(mapper);
    }

    @Override
    public ObjectNode schemaFor(Class<?> type) {
        throw new UnsupportedOperationException("typed elicitation is being built");
    }
}
