package dev.mcpspring.annotation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.mcpspring.annotation.Fixtures.Constrained;
import dev.mcpspring.annotation.Fixtures.Forecast;
import dev.mcpspring.annotation.Fixtures.Level;
import dev.mcpspring.annotation.Fixtures.Location;
import dev.mcpspring.annotation.Fixtures.Region;
import dev.mcpspring.annotation.Fixtures.TreeNode;
import dev.mcpspring.annotation.Fixtures.Trip;
import dev.mcpspring.annotation.Fixtures.Unit;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.mcpspring.annotation.JsonSchemas.assertAccepts;
import static dev.mcpspring.annotation.JsonSchemas.assertRejects;
import static dev.mcpspring.annotation.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

class ToolSchemaTests {

    /** Optional components, one of a type that the schema also needs elsewhere (so it goes to $defs). */
    record Filters(Optional<String> text, Optional<Unit> unit, Optional<List<Unit>> units, Unit defaultUnit) {
    }

    static class Tools {

        @McpTool(name = "no_args", title = "No arguments", description = "Does nothing", readOnlyHint = true)
        String noArgs() {
            return "ok";
        }

        @McpTool
        String injected(PeerHandle peer, @McpToolParam(description = "City name") String city,
                McpRequestContext context) {
            return city;
        }

        @McpTool
        Forecast forecast(@McpToolParam(description = "Where") Location location, Unit unit, Level level) {
            return null;
        }

        @McpTool
        String optionality(String required, @McpToolParam(required = false) String notRequired,
                Optional<Integer> optional, @Nullable String nullable, int primitive,
                @JsonPropertyDescription("described by Jackson") String jackson) {
            return "";
        }

        @McpTool
        Filters filtered(Filters filters) {
            return filters;
        }

        @McpTool
        String constraints(@Min(1) @Max(10) int count, @Size(min = 2, max = 20) String name,
                @Pattern(regexp = "[A-Z]{3}") String code, @NotBlank String query, @Size(max = 5) List<String> tags,
                @NotEmpty Map<String, String> labels, @DecimalMin(value = "0.5", inclusive = false) BigDecimal ratio,
                @Positive long id, @Email String email, Constrained nested) {
            return "";
        }

        @McpTool
        String titled(@McpToolParam(title = "Destination", description = "Where to") Region region, Trip trip,
                java.net.URL link) {
            return "";
        }

        @McpTool
        TreeNode tree(TreeNode root) {
            return root;
        }

        @McpTool
        String shared(Location from, Location to) {
            return "";
        }

        @McpTool
        String trees(JsonNode any, tools.jackson.databind.node.ObjectNode object,
                tools.jackson.databind.node.ArrayNode array) {
            return "";
        }

        @McpTool
        List<Forecast> list() {
            return List.of();
        }

        @McpTool
        int number() {
            return 1;
        }

        @McpTool
        Optional<Forecast> maybe() {
            return Optional.empty();
        }

        @McpTool
        Map<String, Integer> map() {
            return Map.of();
        }

        @McpTool
        void nothing() {
        }

        @McpTool
        Content content() {
            return Content.text("x");
        }

        @McpTool
        List<Content> contents() {
            return List.of();
        }

        @McpTool
        CallToolResult full() {
            return CallToolResult.text("x");
        }

        @McpTool
        Object dynamic() {
            return "x";
        }
    }

    private final Tools tools = new Tools();

    private JsonNode input(String name) {
        return tool(tools, name).tool().inputSchema();
    }

    private JsonNode output(String name) {
        return tool(tools, name).tool().outputSchema();
    }

    @Test
    void toolWithoutArgumentsHasAnEmptyObjectSchema() {
        Tool tool = tool(tools, "no_args").tool();
        assertThat(tool.inputSchema()).hasToString("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}");
        assertThat(tool.title()).isEqualTo("No arguments");
        assertThat(tool.description()).isEqualTo("Does nothing");
        assertThat(tool.annotations().title()).isEqualTo("No arguments");
        assertThat(tool.annotations().readOnlyHint()).isTrue();
        assertThat(tool.annotations().destructiveHint()).as("meaningless for a read-only tool").isNull();
        assertThat(tool.annotations().idempotentHint()).as("meaningless for a read-only tool").isNull();
        assertThat(tool.annotations().openWorldHint()).isTrue();
        assertThat(tool(tools, "injected").tool().title()).isNull();
        assertThat(tool(tools, "injected").tool().description()).isNull();
    }

    @Test
    void injectedParametersAreNotInTheSchema() {
        JsonNode schema = input("injected");
        assertThat(schema.get("properties").propertyNames()).containsExactly("city");
        assertThat(schema.get("required")).hasToString("[\"city\"]");
        assertThat(schema.at("/properties/city")).hasToString("{\"type\":\"string\",\"description\":\"City name\"}");
    }

    @Test
    void nestedRecordsHonourJacksonNamesAndDescriptions() {
        JsonNode location = input("forecast").at("/properties/location");
        assertThat(location.get("type").asString()).isEqualTo("object");
        assertThat(location.get("description").asString()).isEqualTo("Where");
        assertThat(location.get("properties").propertyNames()).containsExactly("city", "country_code", "region");
        assertThat(location.at("/properties/city/description").asString()).isEqualTo("City name");
        assertThat(location.at("/properties/country_code/description").asString()).isEqualTo("ISO 3166 code");
        // an Optional component is not required
        assertThat(location.get("required")).hasToString("[\"city\",\"country_code\"]");
    }

    @Test
    void enumsListTheValuesJacksonReads() {
        JsonNode schema = input("forecast");
        assertThat(schema.at("/properties/unit")).hasToString("{\"type\":\"string\",\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"]}");
        assertThat(schema.at("/properties/level")).hasToString("{\"type\":\"string\",\"enum\":[\"low\",\"high\"]}");
        assertAccepts(schema,
                "{\"location\":{\"city\":\"Oslo\",\"country_code\":\"NO\"},\"unit\":\"CELSIUS\",\"level\":\"low\"}");
        assertRejects(schema,
                "{\"location\":{\"city\":\"Oslo\",\"country_code\":\"NO\"},\"unit\":\"KELVIN\",\"level\":\"low\"}");
    }

    @Test
    void titlesOfArgumentsAndPropertiesComeFromMcpToolParam() {
        JsonNode schema = input("titled");
        assertThat(schema.at("/properties/region/title").asString()).isEqualTo("Destination");
        assertThat(schema.at("/properties/region/description").asString()).isEqualTo("Where to");
        assertThat(schema.at("/properties/trip/properties/people")).hasToString(
                "{\"type\":\"integer\",\"title\":\"Travellers\",\"description\":\"How many people travel\"}");
    }

    @Test
    void titledEnumsListTheirConstantsWithTitles() {
        JsonNode schema = JsonSchemas.assertValidSchema(input("titled"));
        assertThat(schema.at("/$defs/Region")).hasToString("{\"type\":\"string\",\"oneOf\":["
                + "{\"const\":\"EU_WEST\",\"title\":\"Europe (Ireland)\"},"
                + "{\"const\":\"us-east\",\"title\":\"US East (Virginia)\"},"
                + "{\"const\":\"LOCAL\",\"title\":\"LOCAL\"}]}");
        String valid = "{\"region\":\"us-east\",\"trip\":{\"people\":2,\"region\":\"EU_WEST\"},\"link\":\"https://x.org\"}";
        assertAccepts(schema, valid);
        assertRejects(schema, valid.replace("us-east", "US_EAST"));
    }

    @Test
    void urlsAreStringsAsJacksonWritesThem() {
        assertThat(input("titled").at("/properties/link")).hasToString("{\"type\":\"string\",\"format\":\"uri\"}");
    }

    @Test
    void requiredFollowsAnnotationsOptionalAndNullable() {
        JsonNode schema = input("optionality");
        assertThat(schema.get("required")).hasToString("[\"required\",\"primitive\",\"jackson\"]");
        assertThat(schema.at("/properties/optional")).hasToString("{\"type\":\"integer\"}");
        assertThat(schema.at("/properties/jackson/description").asString()).isEqualTo("described by Jackson");
    }

    @Test
    void optionalComponentsAreOfTheirValuesTypeAndMayBeLeftOut() {
        JsonNode schema = input("filtered");
        JsonNode filters = schema.at("/properties/filters");
        assertThat(filters.at("/properties/text")).hasToString("{\"type\":\"string\"}");
        assertThat(filters.at("/properties/unit")).isEqualTo(filters.at("/properties/defaultUnit"));
        assertThat(filters.at("/properties/units/type").asString()).isEqualTo("array");
        assertThat(filters.get("required")).hasToString("[\"defaultUnit\"]");
        // no null: a type array or an anyOf with a null branch is what some clients cannot map onto their model's
        // dialect, and a client leaves an Optional out rather than sending null
        assertThat(schema.toString()).doesNotContain("null");
        assertAccepts(schema, "{\"filters\":{\"defaultUnit\":\"CELSIUS\"}}");
        assertAccepts(schema, "{\"filters\":{\"text\":\"rain\",\"unit\":\"FAHRENHEIT\",\"units\":[],"
                + "\"defaultUnit\":\"CELSIUS\"}}");
        // the same in a result, where an empty Optional is left out as a null is
        JsonNode output = output("filtered");
        assertThat(output.at("/properties/text")).hasToString("{\"type\":\"string\"}");
        assertThat(output.has("required")).as("%s", output).isFalse();
        assertThat(output.toString()).doesNotContain("null");
    }

    @Test
    void beanValidationConstraintsOnParametersBecomeKeywords() {
        JsonNode properties = input("constraints").get("properties");
        assertThat(properties.get("count")).hasToString("{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}");
        assertThat(properties.get("name")).hasToString("{\"type\":\"string\",\"minLength\":2,\"maxLength\":20}");
        assertThat(properties.get("code")).hasToString("{\"type\":\"string\",\"pattern\":\"^(?:[A-Z]{3})$\"}");
        assertThat(properties.get("query")).hasToString("{\"type\":\"string\",\"minLength\":1}");
        assertThat(properties.at("/tags/maxItems").asInt()).isEqualTo(5);
        assertThat(properties.at("/labels/minProperties").asInt()).isEqualTo(1);
        assertThat(properties.at("/ratio/exclusiveMinimum").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(properties.at("/id/exclusiveMinimum").asInt()).isZero();
        assertThat(properties.at("/email/format").asString()).isEqualTo("email");
    }

    @Test
    void beanValidationConstraintsOnNestedComponentsBecomeKeywords() {
        JsonNode nested = input("constraints").at("/properties/nested/properties");
        assertThat(nested.get("name")).hasToString("{\"type\":\"string\",\"minLength\":1}");
        assertThat(nested.get("count")).hasToString("{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}");
        assertThat(nested.at("/tags/minItems").asInt()).isEqualTo(2);
        assertThat(nested.at("/tags/maxItems").asInt()).isEqualTo(3);
        assertThat(nested.at("/code/pattern").asString()).isEqualTo("^(?:[a-z]+)$");
    }

    @Test
    void constrainedSchemaAcceptsValidAndRejectsInvalidArguments() {
        JsonNode schema = input("constraints");
        String valid = "{\"count\":3,\"name\":\"ab\",\"code\":\"ABC\",\"query\":\"q\",\"tags\":[],\"labels\":{\"a\":\"b\"},"
                + "\"ratio\":0.6,\"id\":1,\"email\":\"a@b.org\",\"nested\":{\"name\":\"n\",\"count\":1,"
                + "\"tags\":[\"a\",\"b\"],\"code\":\"abc\"}}";
        assertAccepts(schema, valid);
        assertRejects(schema, valid.replace("\"count\":3", "\"count\":11"));
        assertRejects(schema, valid.replace("\"code\":\"ABC\"", "\"code\":\"abc\""));
        assertRejects(schema, valid.replace("\"ratio\":0.6", "\"ratio\":0.5"));
        assertRejects(schema, valid.replace("\"tags\":[\"a\",\"b\"]", "\"tags\":[\"a\"]"));
    }

    @Test
    void recursiveTypesGoToDefsAtTheRoot() {
        JsonNode schema = input("tree");
        assertThat(schema.at("/properties/root")).hasToString("{\"$ref\":\"#/$defs/TreeNode\"}");
        JsonNode definition = schema.at("/$defs/TreeNode");
        assertThat(definition.get("type").asString()).isEqualTo("object");
        assertThat(definition.at("/properties/children/items")).hasToString("{\"$ref\":\"#/$defs/TreeNode\"}");
        assertThat(definition.at("/properties/children/description").asString()).isEqualTo("Child nodes");
        assertThat(definition.get("required")).hasToString("[\"label\"]");
        // the references resolve: a wrong type two levels down is found
        assertAccepts(schema, "{\"root\":{\"label\":\"a\",\"children\":[{\"label\":\"b\",\"children\":[]}]}}");
        assertRejects(schema, "{\"root\":{\"label\":\"a\",\"children\":[{\"label\":5}]}}");
    }

    @Test
    void typesUsedTwiceAreSharedThroughDefs() {
        JsonNode schema = input("shared");
        assertThat(schema.at("/properties/from")).hasToString("{\"$ref\":\"#/$defs/Location\"}");
        assertThat(schema.at("/properties/to")).hasToString("{\"$ref\":\"#/$defs/Location\"}");
        assertThat(schema.at("/$defs/Location/properties/country_code/type").asString()).isEqualTo("string");
    }

    @Test
    void jacksonTreesAcceptTheirKindOfJson() {
        JsonNode properties = input("trees").get("properties");
        assertThat(properties.get("any")).hasToString("{}");
        assertThat(properties.get("object")).hasToString("{\"type\":\"object\"}");
        assertThat(properties.get("array")).hasToString("{\"type\":\"array\"}");
    }

    @Test
    void recordResultsHaveAnObjectOutputSchema() {
        JsonNode schema = output("forecast");
        assertThat(schema.get("type").asString()).isEqualTo("object");
        assertThat(schema.get("properties").propertyNames()).containsExactly("city", "temperature", "unit", "notes");
        // only what Jackson always writes is required (null properties are left out)
        assertThat(schema.get("required")).hasToString("[\"temperature\"]");
    }

    @Test
    void nonObjectResultsAreWrapped() {
        assertThat(output("list").at("/properties/result/type").asString()).isEqualTo("array");
        assertThat(output("list").at("/properties/result/items/properties/city/type").asString()).isEqualTo("string");
        assertThat(output("list").has("required")).isFalse();
        assertThat(output("number")).hasToString(
                "{\"type\":\"object\",\"properties\":{\"result\":{\"type\":\"integer\"}},\"required\":[\"result\"]}");
        assertThat(output("maybe").at("/properties/result/type").asString()).isEqualTo("object");
        assertThat(output("maybe").has("required")).isFalse();
    }

    @Test
    void mapResultsAreObjects() {
        assertThat(output("map"))
            .hasToString("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
    }

    @Test
    void recursiveResultsKeepAnObjectRoot() {
        JsonNode schema = output("tree");
        assertThat(schema.get("type").asString()).isEqualTo("object");
        assertThat(schema.get("$ref").asString()).isEqualTo("#/$defs/TreeNode");
        assertThat(schema.at("/$defs/TreeNode/properties/label/type").asString()).isEqualTo("string");
        assertAccepts(schema, "{\"label\":\"a\",\"children\":[{\"label\":\"b\"}]}");
        assertRejects(schema, "{\"label\":\"a\",\"children\":[{\"label\":1}]}");
    }

    @Test
    void textContentAndDynamicResultsHaveNoOutputSchema() {
        for (String name : List.of("no_args", "nothing", "content", "contents", "full", "dynamic")) {
            assertThat(output(name)).as(name).isNull();
        }
    }

    @Test
    void metaSchemaValidationDetectsInvalidSchemas() {
        JsonNode invalid = JsonSchemas.MAPPER.readTree("{\"type\":\"object\",\"required\":\"city\",\"minLength\":-1}");
        assertThat(JsonSchemas.metaSchemaErrors(invalid)).isNotEmpty();
    }
}
