package dev.mcpspring.annotation;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks generated schemas with an independent validator: against the JSON Schema 2020-12 meta-schema (loaded from
 * the validator's bundled copy, no network), and by compiling them and validating instances.
 */
final class JsonSchemas {

    static final JsonMapper MAPPER = McpJsonMapper.create();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static final Schema META_SCHEMA = REGISTRY
        .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    private JsonSchemas() {
    }

    /** Asserts that a schema is a valid 2020-12 schema, and that the MCP rule of an object root holds. */
    static JsonNode assertValidSchema(JsonNode schema) {
        assertThat(schema).as("schema").isNotNull();
        List<Error> errors = META_SCHEMA.validate(schema);
        assertThat(errors).as("meta-schema errors of %s", schema).isEmpty();
        assertThat(schema.path("type").asString()).as("root type of %s", schema).isEqualTo("object");
        // compiling resolves every $ref: an instance walk through each property reaches them
        REGISTRY.getSchema(schema);
        return schema;
    }

    /** Asserts both schemas of a tool (the output schema when there is one). */
    static ToolSpecification assertValidSchemas(ToolSpecification tool) {
        assertValidSchema(tool.tool().inputSchema());
        if (tool.tool().outputSchema() != null) {
            assertValidSchema(tool.tool().outputSchema());
        }
        return tool;
    }

    /** The errors of validating {@code instanceJson} against {@code schema}. */
    static List<Error> validate(JsonNode schema, String instanceJson) {
        return REGISTRY.getSchema(schema).validate(MAPPER.readTree(instanceJson));
    }

    static void assertAccepts(JsonNode schema, String instanceJson) {
        assertThat(validate(schema, instanceJson)).as("%s against %s", instanceJson, schema).isEmpty();
    }

    static void assertRejects(JsonNode schema, String instanceJson) {
        assertThat(validate(schema, instanceJson)).as("%s against %s", instanceJson, schema).isNotEmpty();
    }

    /** Meta-schema validation must be able to fail: used by a test of this class itself. */
    static List<Error> metaSchemaErrors(JsonNode schema) {
        return META_SCHEMA.validate(schema);
    }
}
