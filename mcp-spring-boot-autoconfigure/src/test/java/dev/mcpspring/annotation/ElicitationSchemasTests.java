package dev.mcpspring.annotation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mcpspring.annotation.Fixtures.Level;
import dev.mcpspring.annotation.Fixtures.Location;
import dev.mcpspring.annotation.Fixtures.Region;
import dev.mcpspring.annotation.Fixtures.TreeNode;
import dev.mcpspring.annotation.Fixtures.Unit;
import dev.mcpspring.annotation.internal.ElicitationSchemas;
import dev.mcpspring.protocol.McpJsonMapper;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static dev.mcpspring.annotation.ElicitationFormAssertions.assertFormSchema;
import static dev.mcpspring.annotation.JsonSchemas.assertAccepts;
import static dev.mcpspring.annotation.JsonSchemas.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ElicitationSchemasTests {

    private static final JsonMapper MAPPER = McpJsonMapper.create();

    private final ElicitationSchemas schemas = new ElicitationSchemas(MAPPER);

    /** The form schema of a type, checked against JSON Schema 2020-12 and the MCP elicitation schema. */
    private JsonNode form(Class<?> type) {
        return assertFormSchema(schemas.schemaFor(type));
    }

    private JsonNode field(Class<?> type, String name) {
        return form(type).at("/properties/" + name);
    }

    // ------------------------------------------------------------------ kinds of fields

    record Texts(@Size(min = 2, max = 50) String name, @NotBlank String nickname, @Email String email,
            @Pattern(regexp = "[a-z]+") String handle, char initial, UUID id) {
    }

    @Test
    void stringsKeepTheKeywordsOfAStringField() {
        JsonNode properties = form(Texts.class).get("properties");
        assertThat(properties.get("name")).hasToString("{\"type\":\"string\",\"minLength\":2,\"maxLength\":50}");
        assertThat(properties.get("nickname")).hasToString("{\"type\":\"string\",\"minLength\":1}");
        assertThat(properties.get("email")).hasToString("{\"type\":\"string\",\"format\":\"email\"}");
        // a string field has no pattern, and no format but date, date-time, email and uri
        assertThat(properties.get("handle")).hasToString("{\"type\":\"string\"}");
        assertThat(properties.get("initial")).hasToString("{\"type\":\"string\"}");
        assertThat(properties.get("id")).hasToString("{\"type\":\"string\"}");
    }

    record Times(LocalDate day, Instant instant, OffsetDateTime offset, ZonedDateTime zoned, LocalDateTime local,
            LocalTime time, URI uri, URL url) {
    }

    @Test
    void javaTimeAndUriTypesAreStringsWithTheirFormat() {
        JsonNode properties = form(Times.class).get("properties");
        assertThat(properties.get("day")).hasToString("{\"type\":\"string\",\"format\":\"date\"}");
        for (String name : List.of("instant", "offset", "zoned")) {
            assertThat(properties.get(name)).as(name).hasToString("{\"type\":\"string\",\"format\":\"date-time\"}");
        }
        // no format of the form says what Jackson reads for these
        assertThat(properties.get("local")).hasToString("{\"type\":\"string\"}");
        assertThat(properties.get("time")).hasToString("{\"type\":\"string\"}");
        assertThat(properties.get("uri")).hasToString("{\"type\":\"string\",\"format\":\"uri\"}");
        assertThat(properties.get("url")).hasToString("{\"type\":\"string\",\"format\":\"uri\"}");
    }

    record Numbers(int count, long big, Integer boxed, BigInteger huge, double ratio, float weight, BigDecimal price,
            boolean flag, Boolean boxedFlag) {
    }

    @Test
    void numbersIntegersAndBooleans() {
        JsonNode properties = form(Numbers.class).get("properties");
        for (String name : List.of("count", "big", "boxed", "huge")) {
            assertThat(properties.get(name)).as(name).hasToString("{\"type\":\"integer\"}");
        }
        for (String name : List.of("ratio", "weight", "price")) {
            assertThat(properties.get(name)).as(name).hasToString("{\"type\":\"number\"}");
        }
        assertThat(properties.get("flag")).hasToString("{\"type\":\"boolean\"}");
        assertThat(properties.get("boxedFlag")).hasToString("{\"type\":\"boolean\"}");
    }

    record Bounds(@Min(1) @Max(10) int count, @Positive int positive, @Positive double positiveRatio,
            @Negative long negative, @DecimalMin("0.5") @DecimalMax(value = "9.5") int rounded,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "10", inclusive = false) int exclusive,
            @DecimalMin("0.25") @DecimalMax("99.75") BigDecimal decimal, @AssertTrue boolean accepted) {
    }

    @Test
    void boundsBecomeInclusiveMinimumAndMaximum() {
        JsonNode properties = form(Bounds.class).get("properties");
        assertThat(properties.get("count")).hasToString("{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}");
        // an integer's exclusive bound is the next integer inwards
        assertThat(properties.get("positive")).hasToString("{\"type\":\"integer\",\"minimum\":1}");
        assertThat(properties.get("negative")).hasToString("{\"type\":\"integer\",\"maximum\":-1}");
        assertThat(properties.get("rounded")).hasToString("{\"type\":\"integer\",\"minimum\":1,\"maximum\":9}");
        assertThat(properties.get("exclusive")).hasToString("{\"type\":\"integer\",\"minimum\":1,\"maximum\":9}");
        // a number's exclusive bound is the closest the form can say
        assertThat(properties.get("positiveRatio")).hasToString("{\"type\":\"number\",\"minimum\":0}");
        assertThat(properties.get("decimal")).hasToString("{\"type\":\"number\",\"minimum\":0.25,\"maximum\":99.75}");
        // a boolean field has no const
        assertThat(properties.get("accepted")).hasToString("{\"type\":\"boolean\"}");
    }

    // ------------------------------------------------------------------ names, titles, descriptions, required

    record Profile(@McpToolParam(title = "Full name", description = "As on the passport") String name,
            @JsonProperty("check_in") @JsonPropertyDescription("Arrival day") LocalDate checkIn,
            @McpToolParam(description = "Wins over Jackson's") @JsonPropertyDescription("Jackson's") String both,
            @JsonIgnore String ignored, @JsonProperty(access = JsonProperty.Access.READ_ONLY) String computed) {
    }

    @Test
    void namesTitlesAndDescriptionsAreThoseOfToolArguments() {
        JsonNode schema = form(Profile.class);
        // Jackson's names, in declaration order; ignored and read-only properties are not asked for
        assertThat(schema.get("properties").propertyNames()).containsExactly("name", "check_in", "both");
        assertThat(schema.at("/properties/name")).hasToString(
                "{\"type\":\"string\",\"title\":\"Full name\",\"description\":\"As on the passport\"}");
        assertThat(schema.at("/properties/check_in")).hasToString(
                "{\"type\":\"string\",\"description\":\"Arrival day\",\"format\":\"date\"}");
        assertThat(schema.at("/properties/both/description").asString()).isEqualTo("Wins over Jackson's");
        assertThat(schema.get("required")).hasToString("[\"name\",\"check_in\",\"both\"]");
    }

    record Optionality(String required, Optional<String> optional, @Nullable Integer nullable,
            @McpToolParam(required = false) String notRequired, int primitive, Optional<Unit> optionalChoice,
            Optional<List<Unit>> optionalChoices) {
    }

    @Test
    void requiredFollowsTheRulesOfToolArguments() {
        JsonNode schema = form(Optionality.class);
        assertThat(schema.get("required")).hasToString("[\"required\",\"primitive\"]");
        // an optional field is of its value's type: the form's field may be left empty, never null
        assertThat(schema.at("/properties/optional")).hasToString("{\"type\":\"string\"}");
        assertThat(schema.at("/properties/nullable")).hasToString("{\"type\":\"integer\"}");
        assertThat(schema.at("/properties/optionalChoice"))
            .hasToString("{\"type\":\"string\",\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"]}");
        assertThat(schema.at("/properties/optionalChoices/type").asString()).isEqualTo("array");
    }

    record SharedOptional(Unit unit, Optional<Unit> optionalUnit, Region region, Optional<Region> optionalRegion) {
    }

    @Test
    void optionalEnumsThatTheGeneratorSharesAreSelectsToo() {
        // the generator writes an Optional of a shared type as {"anyOf": [{"type": "null"}, {"$ref": ...}]}
        JsonNode schema = form(SharedOptional.class);
        assertThat(schema.at("/properties/optionalUnit")).isEqualTo(schema.at("/properties/unit"));
        assertThat(schema.at("/properties/optionalRegion")).isEqualTo(schema.at("/properties/region"));
        assertThat(schema.at("/properties/optionalRegion/oneOf").size()).isEqualTo(3);
        assertThat(schema.get("required")).hasToString("[\"unit\",\"region\"]");
    }

    /** A bean: private fields with accessors. */
    static class Subscription {

        @McpToolParam(title = "E-mail")
        @Email
        private String email;

        @JsonProperty(defaultValue = "true")
        private boolean newsletter;

        @Nullable
        private Unit unit;

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public boolean isNewsletter() {
            return newsletter;
        }

        public void setNewsletter(boolean newsletter) {
            this.newsletter = newsletter;
        }

        public Unit getUnit() {
            return unit;
        }

        public void setUnit(Unit unit) {
            this.unit = unit;
        }
    }

    @Test
    void beansAreDescribedLikeRecords() {
        JsonNode schema = form(Subscription.class);
        assertThat(schema).hasToString("{\"type\":\"object\",\"properties\":{"
                + "\"email\":{\"type\":\"string\",\"title\":\"E-mail\",\"format\":\"email\"},"
                + "\"newsletter\":{\"type\":\"boolean\",\"default\":true},"
                + "\"unit\":{\"type\":\"string\",\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"]}},"
                + "\"required\":[\"email\",\"newsletter\"]}");
    }

    record Empty() {
    }

    @Test
    void aTypeWithoutPropertiesIsAnEmptyForm() {
        assertThat(form(Empty.class)).hasToString("{\"type\":\"object\",\"properties\":{}}");
    }

    // ------------------------------------------------------------------ selects

    enum Tier {
        @JsonProperty("free") FREE, @JsonProperty("pro") PRO
    }

    record Choices(@McpToolParam(title = "Unit", description = "How to show temperatures") Unit unit, Level level,
            Tier tier, Region region, Unit again) {
    }

    @Test
    void enumsAreSingleSelectsOfTheValuesJacksonWrites() {
        JsonNode properties = form(Choices.class).get("properties");
        assertThat(properties.get("unit")).hasToString("{\"type\":\"string\",\"title\":\"Unit\","
                + "\"description\":\"How to show temperatures\",\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"]}");
        assertThat(properties.get("level")).hasToString("{\"type\":\"string\",\"enum\":[\"low\",\"high\"]}");
        assertThat(properties.get("tier")).hasToString("{\"type\":\"string\",\"enum\":[\"free\",\"pro\"]}");
        // a type used twice is shared through $defs by the generator: the form has it in place
        assertThat(properties.get("again")).hasToString("{\"type\":\"string\",\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"]}");
        assertThat(ElicitationFormAssertions.kindsOf(properties.get("tier")))
            .containsExactly("UntitledSingleSelectEnumSchema");
    }

    @Test
    void titledEnumsAreTitledSingleSelects() {
        JsonNode region = field(Choices.class, "region");
        assertThat(region).hasToString("{\"type\":\"string\",\"oneOf\":["
                + "{\"const\":\"EU_WEST\",\"title\":\"Europe (Ireland)\"},"
                + "{\"const\":\"us-east\",\"title\":\"US East (Virginia)\"},"
                + "{\"const\":\"LOCAL\",\"title\":\"LOCAL\"}]}");
        assertThat(ElicitationFormAssertions.kindsOf(region)).containsExactly("TitledSingleSelectEnumSchema");
    }

    record Selections(@McpToolParam(title = "Units") List<Unit> units, Set<Tier> tiers, Level[] levels,
            @Size(min = 1, max = 2) List<Region> regions, @NotEmpty EnumSet<Tier> atLeastOne) {
    }

    @Test
    void listsAndSetsOfEnumsAreMultiSelects() {
        JsonNode properties = form(Selections.class).get("properties");
        assertThat(properties.get("units")).hasToString("{\"type\":\"array\",\"title\":\"Units\","
                + "\"items\":{\"type\":\"string\",\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"]}}");
        assertThat(properties.get("tiers"))
            .hasToString("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"free\",\"pro\"]}}");
        assertThat(properties.get("levels"))
            .hasToString("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"low\",\"high\"]}}");
        assertThat(properties.at("/atLeastOne/minItems").asInt()).isEqualTo(1);
        assertThat(ElicitationFormAssertions.kindsOf(properties.get("units")))
            .containsExactly("UntitledMultiSelectEnumSchema");
    }

    @Test
    void listsOfTitledEnumsAreTitledMultiSelects() {
        JsonNode regions = field(Selections.class, "regions");
        assertThat(regions).hasToString("{\"type\":\"array\",\"minItems\":1,\"maxItems\":2,\"items\":{\"anyOf\":["
                + "{\"const\":\"EU_WEST\",\"title\":\"Europe (Ireland)\"},"
                + "{\"const\":\"us-east\",\"title\":\"US East (Virginia)\"},"
                + "{\"const\":\"LOCAL\",\"title\":\"LOCAL\"}]}}");
        assertThat(ElicitationFormAssertions.kindsOf(regions)).containsExactly("TitledMultiSelectEnumSchema");
    }

    // ------------------------------------------------------------------ defaults

    record Defaults(@JsonProperty(defaultValue = "Ada") String name, @JsonProperty(defaultValue = "") String empty,
            @JsonProperty(defaultValue = "2") int guests, @JsonProperty(defaultValue = "0.5") double ratio,
            @JsonProperty(defaultValue = "12") BigDecimal price, @JsonProperty(defaultValue = "false") Boolean flag,
            @JsonProperty(defaultValue = "2025-01-31") LocalDate day,
            @JsonProperty(defaultValue = "FAHRENHEIT") @McpToolParam(title = "Unit") Unit unit,
            @JsonProperty(defaultValue = "us-east") Region region,
            @JsonProperty(defaultValue = "free, pro") Set<Tier> tiers,
            @JsonProperty(defaultValue = "EU_WEST") List<Region> regions) {
    }

    @Test
    void defaultsAreReadAsValuesOfTheFieldsType() {
        JsonNode properties = form(Defaults.class).get("properties");
        assertThat(properties.get("name")).hasToString("{\"type\":\"string\",\"default\":\"Ada\"}");
        // an empty defaultValue is Jackson's "none"
        assertThat(properties.get("empty")).hasToString("{\"type\":\"string\"}");
        assertThat(properties.get("guests")).hasToString("{\"type\":\"integer\",\"default\":2}");
        assertThat(properties.get("ratio")).hasToString("{\"type\":\"number\",\"default\":0.5}");
        assertThat(properties.get("price")).hasToString("{\"type\":\"number\",\"default\":12}");
        assertThat(properties.get("flag")).hasToString("{\"type\":\"boolean\",\"default\":false}");
        assertThat(properties.get("day"))
            .hasToString("{\"type\":\"string\",\"format\":\"date\",\"default\":\"2025-01-31\"}");
        assertThat(properties.get("unit")).hasToString("{\"type\":\"string\",\"title\":\"Unit\","
                + "\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"],\"default\":\"FAHRENHEIT\"}");
        assertThat(properties.at("/region/default").asString()).isEqualTo("us-east");
        assertThat(properties.at("/tiers/default")).hasToString("[\"free\",\"pro\"]");
        assertThat(properties.at("/regions/default")).hasToString("[\"EU_WEST\"]");
    }

    record BadInteger(@JsonProperty(defaultValue = "2.5") int guests) {
    }

    record BadNumber(@JsonProperty(defaultValue = "half") double ratio) {
    }

    record BadBoolean(@JsonProperty(defaultValue = "yes") boolean flag) {
    }

    record BadChoice(@JsonProperty(defaultValue = "KELVIN") Unit unit) {
    }

    record BadChoices(@JsonProperty(defaultValue = "free,gold") List<Tier> tiers) {
    }

    @Test
    void defaultsThatAreNotValuesOfTheFieldAreRefused() {
        assertRefused(BadInteger.class, "Cannot ask for BadInteger.guests in an elicitation form: its default '2.5'"
                + " (@JsonProperty(defaultValue)) is not an integer");
        assertRefused(BadNumber.class, "BadNumber.ratio", "'half'", "not a number");
        assertRefused(BadBoolean.class, "BadBoolean.flag", "'yes'", "not true or false");
        assertRefused(BadChoice.class, "BadChoice.unit", "'KELVIN'", "not one of [CELSIUS, FAHRENHEIT]");
        assertRefused(BadChoices.class, "BadChoices.tiers", "'gold'", "not one of [free, pro]");
    }

    // ------------------------------------------------------------------ refusals

    record Address(String street, Location location) {
    }

    record Tags(List<String> tags) {
    }

    record Stops(List<Location> stops) {
    }

    record Labels(Map<String, String> labels) {
    }

    record Anything(Object value) {
    }

    record Tree(JsonNode tree) {
    }

    enum Code {
        ONE(1), TWO(2);

        private final int code;

        Code(int code) {
            this.code = code;
        }

        @JsonValue
        int code() {
            return code;
        }
    }

    record Coded(Code code) {
    }

    @Test
    void nestedObjectsAreRefusedNamingTheProperty() {
        assertRefused(Address.class, "Cannot ask for Address.location in an elicitation form: nested objects are not"
                + " allowed; use strings, numbers, booleans, enums or lists of enums");
        assertRefused(TreeNode.class, "TreeNode.children", "lists of objects are not allowed");
    }

    @Test
    void listsOfAnythingButEnumsAreRefused() {
        assertRefused(Tags.class, "Cannot ask for Tags.tags in an elicitation form: lists are only allowed of enum"
                + " values (a multi-select); use strings, numbers, booleans, enums or lists of enums");
        assertRefused(Stops.class, "Stops.stops", "lists of objects are not allowed");
    }

    @Test
    void mapsAndUntypedValuesAreRefused() {
        assertRefused(Labels.class, "Labels.labels", "maps are not allowed");
        assertRefused(Anything.class, "Anything.value", "values of any JSON type are not allowed");
        assertRefused(Tree.class, "Tree.tree", "values of any JSON type are not allowed");
    }

    @Test
    void enumsWrittenAsNumbersAreRefused() {
        assertRefused(Coded.class, "Coded.code", "enum values must be strings", "numbers");
    }

    @Test
    void typesWithoutPropertiesAreRefused() {
        for (Class<?> type : List.of(String.class, int.class, Integer.class, Unit.class, List.class, Map.class,
                String[].class)) {
            assertRefused(type, "Cannot ask for " + type.getSimpleName() + " in an elicitation form: a form asks for"
                    + " the properties of a record or bean");
        }
        assertRefused(ObjectNode.class, "Cannot ask for ObjectNode in an elicitation form: a JSON tree has no fixed"
                + " properties");
    }

    private void assertRefused(Class<?> type, String... messageParts) {
        assertThatIllegalArgumentException().isThrownBy(() -> schemas.schemaFor(type))
            .satisfies(ex -> assertThat(ex.getMessage()).contains(messageParts));
    }

    // ------------------------------------------------------------------ the answer, the cache, the checks

    record Booking(@McpToolParam(title = "Guest") @Size(min = 2) String name, @Email String email,
            @JsonProperty("check_in") LocalDate checkIn, Instant arrival, URI website,
            @Min(1) @Max(8) @JsonProperty(defaultValue = "2") int guests, double budget, boolean breakfast,
            Optional<String> notes, @Nullable Integer floor, Tier tier, Region region,
            @JsonProperty(defaultValue = "low") Set<Level> levels, List<Region> regions) {
    }

    @Test
    void anAnswerThatTheFormAcceptsBindsToTheType() {
        JsonNode schema = form(Booking.class);
        // what a client sends: the fields the user filled in, optional ones left out
        String content = "{\"name\":\"Ada\",\"email\":\"ada@example.org\",\"check_in\":\"2025-03-01\","
                + "\"arrival\":\"2025-03-01T15:30:00Z\",\"website\":\"https://example.org\",\"guests\":2,"
                + "\"budget\":120.5,\"breakfast\":true,\"tier\":\"pro\",\"region\":\"us-east\","
                + "\"levels\":[\"low\",\"high\"],\"regions\":[\"EU_WEST\",\"LOCAL\"]}";
        assertAccepts(schema, content);
        assertRejects(schema, content.replace("\"guests\":2", "\"guests\":9"));
        assertRejects(schema, content.replace("\"tier\":\"pro\"", "\"tier\":\"PRO\""));

        Booking booking = MAPPER.treeToValue(MAPPER.readTree(content), Booking.class);
        assertThat(booking).isEqualTo(new Booking("Ada", "ada@example.org", LocalDate.of(2025, 3, 1),
                Instant.parse("2025-03-01T15:30:00Z"), URI.create("https://example.org"), 2, 120.5, true,
                Optional.empty(), null, Tier.PRO, Region.US_EAST, Set.of(Level.LOW, Level.HIGH),
                List.of(Region.EU_WEST, Region.LOCAL)));
    }

    @Test
    void schemasAreComputedOnceAndHandedOutAsCopies() {
        ObjectNode first = schemas.schemaFor(Booking.class);
        first.put("type", "changed");
        ObjectNode second = schemas.schemaFor(Booking.class);
        assertThat(second).isNotSameAs(first);
        assertThat(second.get("type").asString()).isEqualTo("object");
        assertThat(second).isEqualTo(schemas.schemaFor(Booking.class));
    }

    @Test
    void theMcpSchemaCheckDetectsFormsThatClientsDoNotAccept() {
        JsonNode nested = MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\"}}}");
        assertThat(ElicitationFormAssertions.acceptedByMcpSchema(nested)).isFalse();
        // accepted by the official schema, which does not forbid other keywords, but not by the stricter check
        JsonNode pattern = MAPPER.readTree("{\"type\":\"string\",\"pattern\":\"a+\"}");
        assertThat(ElicitationFormAssertions.kindsOf(pattern)).isEmpty();
        assertThat(ElicitationFormAssertions.kindsOf(MAPPER.readTree("{\"type\":\"string\"}")))
            .containsExactly("StringSchema");
    }
}
