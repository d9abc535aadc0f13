package dev.mcpspring.annotation;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks elicitation form schemas against the MCP 2025-11-25 schema: the {@code requestedSchema} definition of
 * {@code ElicitRequestFormParams} and the primitive schemas it allows, copied from the official schema into
 * {@code mcp-2025-11-25-elicitation-schema.json}.
 * <p>
 * That schema does not forbid other keywords, so validating against it alone would accept {@code pattern} or a
 * nested {@code properties}. The stricter check here also requires every keyword of a field to be one that a
 * matching primitive schema declares, so that a client which knows only those keywords misses nothing.
 */
final class ElicitationFormAssertions {

    private static final SchemaRegistry REGISTRY = SchemaRegistry
        .withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static final ObjectNode MCP_SCHEMA = load();

    private static final Schema REQUESTED_SCHEMA = REGISTRY.getSchema(MCP_SCHEMA);

    /** The field kinds a generated form may use; the legacy {@code enumNames} enum is never generated. */
    private static final List<String> FIELD_KINDS = List.of("StringSchema", "NumberSchema", "BooleanSchema",
            "UntitledSingleSelectEnumSchema", "TitledSingleSelectEnumSchema", "UntitledMultiSelectEnumSchema",
            "TitledMultiSelectEnumSchema");

    private static final Set<String> ROOT_KEYWORDS = Set.of("$schema", "type", "properties", "required");

    private ElicitationFormAssertions() {
    }

    private static ObjectNode load() {
        try (InputStream in = ElicitationFormAssertions.class
            .getResourceAsStream("/mcp-2025-11-25-elicitation-schema.json")) {
            return (ObjectNode) JsonSchemas.MAPPER.readTree(in);
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Asserts that a generated schema is a valid 2020-12 schema, a valid MCP {@code requestedSchema}, and uses only
     * the keywords of the MCP field kinds.
     */
    static JsonNode assertFormSchema(JsonNode schema) {
        JsonSchemas.assertValidSchema(schema);
        assertThat(REQUESTED_SCHEMA.validate(schema)).as("MCP requestedSchema errors of %s", schema).isEmpty();
        assertThat(schema.propertyNames()).as("root keywords").isSubsetOf(ROOT_KEYWORDS);
        for (String name : schema.get("properties").propertyNames()) {
            assertThat(kindsOf(schema.get("properties").get(name)))
                .as("field kinds whose keywords cover %s: %s", name, schema.get("properties").get(name))
                .isNotEmpty();
        }
        return schema;
    }

    /** Whether the MCP schema accepts a schema as a {@code requestedSchema} (used to show the check can fail). */
    static boolean acceptedByMcpSchema(JsonNode schema) {
        return REQUESTED_SCHEMA.validate(schema).isEmpty();
    }

    /**
     * The field kinds that accept {@code field} and declare every keyword it has (and, for a multi select, every
     * keyword of its {@code items}).
     */
    static List<String> kindsOf(JsonNode field) {
        List<String> kinds = new ArrayList<>();
        for (String kind : FIELD_KINDS) {
            ObjectNode definition = (ObjectNode) MCP_SCHEMA.get("$defs").get(kind);
            ObjectNode reference = MCP_SCHEMA.deepCopy();
            reference.removeAll();
            reference.put("$ref", "#/$defs/" + kind);
            reference.set("$defs", MCP_SCHEMA.get("$defs"));
            if (!REGISTRY.getSchema(reference).validate(field).isEmpty()) {
                continue;
            }
            JsonNode declared = definition.get("properties");
            if (!declared(declared).containsAll(field.propertyNames())) {
                continue;
            }
            JsonNode items = field.get("items");
            if (items != null && !declared(declared.at("/items/properties")).containsAll(items.propertyNames())) {
                continue;
            }
            kinds.add(kind);
        }
        return kinds;
    }

    private static Set<String> declared(JsonNode properties) {
        return new HashSet<>(properties.propertyNames());
    }
}
