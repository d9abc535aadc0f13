package dev.mcpspring.annotation.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcpspring.protocol.McpJsonMapper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ToolSchemas}: what an elicitation form has and a tool's schema must not. */
class ToolSchemasTests {

    record Defaults(@JsonProperty(defaultValue = "Ada") String name, @JsonProperty(defaultValue = "2") int guests) {
    }

    @Test
    void defaultsAreNotInToolSchemasWhereNothingWouldApplyThem() {
        ToolSchemas tools = new ToolSchemas(McpJsonMapper.create());
        JsonNode schema = tools.outputSchema(Defaults.class, false, false).schema();
        assertThat(schema.at("/properties/guests").has("default")).isFalse();
        assertThat(schema.at("/properties/name").has("default")).isFalse();
    }
}
