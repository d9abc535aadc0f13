package dev.mcpspring.annotation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.mcpspring.annotation.Fixtures.Location;
import dev.mcpspring.annotation.Fixtures.Range;
import dev.mcpspring.annotation.Fixtures.Shape;
import dev.mcpspring.annotation.Fixtures.Unit;
import dev.mcpspring.annotation.Fixtures.Level;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.mcpspring.annotation.TestTools.call;
import static dev.mcpspring.annotation.TestTools.errorText;
import static dev.mcpspring.annotation.TestTools.successText;
import static dev.mcpspring.annotation.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ArgumentBindingTests {

    /** A mutable class bound through its setters. */
    static class Filter {

        private String query;

        private int limit = 10;

        public String getQuery() {
            return query;
        }

        public void setQuery(String query) {
            this.query = query;
        }

        public int getLimit() {
            return limit;
        }

        public void setLimit(int limit) {
            this.limit = limit;
        }
    }

    record Pair(String first, Integer second) {
    }

    record Item(String name, int qty) {
    }

    record Account(String user, @JsonProperty(access = JsonProperty.Access.READ_ONLY) String id) {
    }

    enum Priority {
        LOW, HIGH;

        @JsonCreator
        static Priority of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT)); // Enum.valueOf's message names the class
        }
    }

    record Stamp(@JsonFormat(pattern = "dd.MM.yyyy") LocalDate day,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant at) {
    }

    static class Tools {

        @McpTool
        String primitives(int count, long big, double ratio, boolean flag, char letter) {
            return count + "|" + big + "|" + ratio + "|" + flag + "|" + letter;
        }

        @McpTool
        String boxed(Integer count, Double ratio, Boolean flag, BigDecimal amount) {
            return count + "|" + ratio + "|" + flag + "|" + amount.toPlainString();
        }

        @McpTool
        String enums(Unit unit, Level level) {
            return unit + "|" + level;
        }

        @McpTool
        String records(Location location, Range range) {
            return location.city() + "|" + location.countryCode() + "|" + location.region().orElse("-") + "|"
                    + range.from() + ".." + range.to();
        }

        @McpTool
        String pojo(Filter filter) {
            return filter.getQuery() + "|" + filter.getLimit();
        }

        @McpTool
        String collections(List<Location> locations, Map<String, Integer> counts, int[] numbers) {
            return locations.size() + ":" + locations.get(1).city() + "|" + counts.get("b") + "|" + numbers.length;
        }

        @McpTool
        String sum(List<Double> values, double[] weights) {
            return values.stream().mapToDouble(Double::doubleValue).sum() + "|" + weights.length;
        }

        @McpTool
        String optionals(Optional<String> lang, @McpToolParam(required = false) Integer limit,
                @McpToolParam(required = false) int page, Optional<Location> near) {
            return lang.orElse("none") + "|" + limit + "|" + page + "|" + near.map(Location::city).orElse("none");
        }

        @McpTool
        String trees(JsonNode any, ObjectNode object) {
            return any.toString() + "|" + object.get("a");
        }

        @McpTool
        String dates(LocalDate day) {
            return day.plusDays(1).toString();
        }

        @McpTool
        String named(@McpToolParam(name = "q") String query) {
            return query;
        }

        @McpTool(acceptUnknownArguments = true)
        String lenient(@McpToolParam(name = "q") String query) {
            return query;
        }

        @McpTool
        String nested(Pair pair, Map<String, Item> items, Map<String, Integer> counts, List<Shape> shapes,
                Fixtures.TreeNode tree, Map<String, Object> free, Account account) {
            return pair.first() + pair.second() + "|" + items.keySet() + "|" + counts + "|" + shapes.size() + "|"
                    + tree.label() + "|" + free + "|" + account.user();
        }

        @McpTool
        String priority(Priority priority) {
            return priority.name();
        }

        @McpTool
        String scalars(ZonedDateTime start, YearMonth month, byte[] data, OptionalInt limit, Stamp stamp) {
            return start.getHour() + start.getOffset().toString() + "|" + month + "|" + data.length + "|" + limit
                    + "|" + stamp.day() + "|" + stamp.at();
        }

        @McpTool
        String context(String city, McpRequestContext context, PeerHandle peer) {
            return city + "|" + context.sessionId() + "|" + (peer != null);
        }
    }

    private final Tools tools = new Tools();

    private String ok(String tool, String arguments) {
        return successText(call(tool(tools, tool), arguments));
    }

    private String invalid(String tool, String arguments) {
        return errorText(call(tool(tools, tool), arguments));
    }

    @Test
    void bindsPrimitives() {
        assertThat(ok("primitives", "{\"count\":3,\"big\":9007199254740993,\"ratio\":0.25,\"flag\":true,\"letter\":\"x\"}"))
            .isEqualTo("3|9007199254740993|0.25|true|x");
    }

    @Test
    void bindsBoxedTypes() {
        assertThat(ok("boxed", "{\"count\":3,\"ratio\":1.5,\"flag\":false,\"amount\":12.5}"))
            .isEqualTo("3|1.5|false|12.5");
    }

    @Test
    void bindsEnumsAsJacksonWritesThem() {
        assertThat(ok("enums", "{\"unit\":\"FAHRENHEIT\",\"level\":\"high\"}")).isEqualTo("FAHRENHEIT|HIGH");
    }

    @Test
    void bindsRecordsWithJacksonNames() {
        assertThat(ok("records", "{\"location\":{\"city\":\"Oslo\",\"country_code\":\"NO\",\"region\":\"Viken\"},"
                + "\"range\":{\"from\":1,\"to\":5}}"))
            .isEqualTo("Oslo|NO|Viken|1..5");
        assertThat(ok("records",
                "{\"location\":{\"city\":\"Oslo\",\"country_code\":\"NO\"},\"range\":{\"from\":1,\"to\":1}}"))
            .isEqualTo("Oslo|NO|-|1..1");
    }

    @Test
    void bindsPojos() {
        assertThat(ok("pojo", "{\"filter\":{\"query\":\"rain\",\"limit\":5}}")).isEqualTo("rain|5");
        // the schema requires what is not nullable, in a bean as in a record
        assertThat(invalid("pojo", "{\"filter\":{\"query\":\"rain\"}}"))
            .isEqualTo("Invalid arguments for tool 'pojo': parameter 'filter.limit' is required");
    }

    @Test
    void bindsListsMapsAndArrays() {
        assertThat(ok("collections",
                "{\"locations\":[{\"city\":\"A\",\"country_code\":\"NO\"},{\"city\":\"B\",\"country_code\":\"NO\"}],"
                        + "\"counts\":{\"a\":1,\"b\":2},\"numbers\":[1,2,3]}"))
            .isEqualTo("2:B|2|3");
    }

    @Test
    void bindsOptionalAndNotRequiredArguments() {
        assertThat(ok("optionals", "{}")).isEqualTo("none|null|0|none");
        assertThat(ok("optionals", "{\"lang\":null,\"limit\":null}")).isEqualTo("none|null|0|none");
        assertThat(ok("optionals",
                "{\"lang\":\"en\",\"limit\":5,\"page\":2,\"near\":{\"city\":\"Bergen\",\"country_code\":\"NO\"}}"))
            .isEqualTo("en|5|2|Bergen");
    }

    @Test
    void bindsJacksonTrees() {
        assertThat(ok("trees", "{\"any\":[1,\"two\"],\"object\":{\"a\":true}}")).isEqualTo("[1,\"two\"]|true");
        assertThat(invalid("trees", "{\"any\":1,\"object\":[1]}"))
            .isEqualTo("Invalid arguments for tool 'trees': parameter 'object': expected an object");
    }

    @Test
    void bindsDates() {
        assertThat(ok("dates", "{\"day\":\"2025-02-28\"}")).isEqualTo("2025-03-01");
        assertThat(invalid("dates", "{\"day\":\"28.02.2025\"}")).isEqualTo(
                "Invalid arguments for tool 'dates': parameter 'day': expected a date or time in ISO 8601 format,"
                        + " got \"28.02.2025\"");
    }

    @Test
    void bindsScalarsAsTheirSchemasDescribeThem() {
        String arguments = "{\"start\":\"2024-05-01T10:00:00+02:00\",\"month\":\"2024-05\",\"data\":\"AQID\","
                + "\"stamp\":{\"day\":\"31.12.1990\",\"at\":1714557600}}";
        assertThat(ok("scalars", arguments))
            .isEqualTo("10+02:00|2024-05|3|OptionalInt.empty|1990-12-31|2024-05-01T10:00:00Z");
        assertThat(ok("scalars", arguments.replace("{\"start", "{\"limit\":5,\"start"))).contains("|OptionalInt[5]|");

        JsonNode properties = tool(tools, "scalars").tool().inputSchema().get("properties");
        assertThat(properties.get("start")).hasToString("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(properties.at("/month/pattern").asString()).isEqualTo("^-?[0-9]{4,}-[0-9]{2}$");
        assertThat(properties.get("data")).hasToString("{\"type\":\"string\",\"contentEncoding\":\"base64\"}");
        assertThat(properties.get("limit")).hasToString("{\"type\":\"integer\"}");
        assertThat(tool(tools, "scalars").tool().inputSchema().get("required"))
            .hasToString("[\"start\",\"month\",\"data\",\"stamp\"]");
        assertThat(properties.at("/stamp/properties/day"))
            .hasToString("{\"type\":\"string\",\"description\":\"(format: dd.MM.yyyy)\"}");
        assertThat(properties.at("/stamp/properties/at")).hasToString("{\"type\":\"number\"}");
    }

    @Test
    void bindsByTheNameGivenInTheAnnotation() {
        assertThat(ok("named", "{\"q\":\"x\"}")).isEqualTo("x");
        assertThat(tool(tools, "named").tool().inputSchema().get("properties").propertyNames()).containsExactly("q");
    }

    @Test
    void injectsTheRequestContextAndPeer() {
        McpRequestContext context = mock(McpRequestContext.class);
        PeerHandle peer = mock(PeerHandle.class);
        when(context.sessionId()).thenReturn("s-1");
        when(context.peer()).thenReturn(peer);
        assertThat(successText(call(tool(tools, "context"), "{\"city\":\"Oslo\"}", context))).isEqualTo("Oslo|s-1|true");
    }

    @Test
    void missingArgumentsObjectIsAnEmptyObject() {
        assertThat(ok("optionals", null)).isEqualTo("none|null|0|none");
        assertThat(invalid("named", null)).isEqualTo("Invalid arguments for tool 'named': parameter 'q' is required");
    }

    @Test
    void reportsMissingRequiredArguments() {
        assertThat(invalid("primitives", "{\"big\":1,\"ratio\":1,\"flag\":true,\"letter\":\"x\"}"))
            .isEqualTo("Invalid arguments for tool 'primitives': parameter 'count' is required");
        assertThat(invalid("records", "{\"location\":null,\"range\":{\"from\":1,\"to\":2}}"))
            .isEqualTo("Invalid arguments for tool 'records': parameter 'location' is required");
    }

    @Test
    void reportsWrongTypesInWords() {
        assertThat(invalid("primitives", "{\"count\":\"abc\",\"big\":1,\"ratio\":1,\"flag\":true,\"letter\":\"x\"}"))
            .isEqualTo("Invalid arguments for tool 'primitives': parameter 'count': expected an integer, got \"abc\"");
        assertThat(invalid("primitives", "{\"count\":1.5,\"big\":1,\"ratio\":1,\"flag\":true,\"letter\":\"x\"}"))
            .startsWith("Invalid arguments for tool 'primitives': parameter 'count': expected an integer");
        assertThat(invalid("primitives", "{\"count\":1,\"big\":1,\"ratio\":[1],\"flag\":true,\"letter\":\"x\"}"))
            .isEqualTo("Invalid arguments for tool 'primitives': parameter 'ratio': expected a number");
        assertThat(invalid("boxed", "{\"count\":1,\"ratio\":1,\"flag\":\"maybe\",\"amount\":1}"))
            .startsWith("Invalid arguments for tool 'boxed': parameter 'flag': expected a boolean (true or false)");
        assertThat(invalid("pojo", "{\"filter\":\"rain\"}"))
            .startsWith("Invalid arguments for tool 'pojo': parameter 'filter': expected an object");
        assertThat(invalid("collections", "{\"locations\":{\"city\":\"A\"},\"counts\":{},\"numbers\":[]}"))
            .isEqualTo("Invalid arguments for tool 'collections': parameter 'locations': expected an array");
    }

    @Test
    void reportsInvalidEnumValuesWithTheAcceptedOnes() {
        assertThat(invalid("enums", "{\"unit\":\"KELVIN\",\"level\":\"low\"}"))
            .isEqualTo("Invalid arguments for tool 'enums': parameter 'unit': expected one of [\"CELSIUS\","
                    + " \"FAHRENHEIT\"], got \"KELVIN\"");
        assertThat(invalid("enums", "{\"unit\":\"CELSIUS\",\"level\":\"LOW\"}"))
            .startsWith("Invalid arguments for tool 'enums': parameter 'level': expected one of [\"low\", \"high\"]");
    }

    @Test
    void reportsWherePropertiesOfNestedValuesAreWrong() {
        assertThat(invalid("collections",
                "{\"locations\":[{\"city\":\"A\",\"country_code\":\"NO\"},{\"city\":{\"name\":\"B\"},"
                        + "\"country_code\":\"NO\"}],\"counts\":{},\"numbers\":[]}"))
            .isEqualTo("Invalid arguments for tool 'collections': parameter 'locations[1].city': expected a string");
        assertThat(invalid("collections", "{\"locations\":[],\"counts\":{\"a\":\"x\"},\"numbers\":[]}"))
            .isEqualTo("Invalid arguments for tool 'collections': parameter 'counts.a': expected an integer,"
                    + " got \"x\"");
    }

    @Test
    void refusesNullAsAnArrayElementOrAPrimitive() {
        assertThat(ok("sum", "{\"values\":[1,2],\"weights\":[0.5]}")).isEqualTo("3.0|1");
        assertThat(invalid("sum", "{\"values\":[1,null],\"weights\":[0.5]}")).isEqualTo(
                "Invalid arguments for tool 'sum': parameter 'values[1]': an array element must not be null");
        assertThat(invalid("sum", "{\"values\":[1],\"weights\":[0.5,null]}")).isEqualTo(
                "Invalid arguments for tool 'sum': parameter 'weights[1]': an array element must not be null");
        assertThat(invalid("collections", "{\"locations\":[{\"city\":\"Oslo\",\"country_code\":\"NO\"},null],"
                + "\"counts\":{},\"numbers\":[]}")).isEqualTo("Invalid arguments for tool 'collections': "
                        + "parameter 'locations[1]': an array element must not be null");
        assertThat(invalid("records",
                "{\"location\":{\"city\":\"Oslo\",\"country_code\":\"NO\"},\"range\":{\"from\":null,\"to\":2}}"))
            .isEqualTo("Invalid arguments for tool 'records': parameter 'range.from' is required");
    }

    private static final String NESTED = "{\"pair\":{\"first\":\"a\",\"second\":1},\"items\":{\"x\":{\"name\":\"X\","
            + "\"qty\":2}},\"counts\":{\"a\":1},\"shapes\":[{\"kind\":\"circle\",\"radius\":1}],"
            + "\"tree\":{\"label\":\"root\",\"children\":[{\"label\":\"leaf\"}]},\"free\":{\"a\":null,\"b\":[null]},"
            + "\"account\":{\"user\":\"ann\"}}";

    @Test
    void holdsNestedValuesToTheRequiredPropertiesTheSchemaPublishes() {
        assertThat(ok("nested", NESTED)).isEqualTo("a1|[x]|{a=1}|1|root|{a=null, b=[null]}|ann");
        assertThat(tool(tools, "nested").tool().inputSchema().at("/properties/account/required"))
            .hasToString("[\"user\"]");

        assertThat(invalid("nested", NESTED.replace(",\"second\":1", ""))).isEqualTo(
                "Invalid arguments for tool 'nested': parameter 'pair.second' is required");
        assertThat(invalid("nested", NESTED.replace("\"second\":1", "\"second\":null"))).isEqualTo(
                "Invalid arguments for tool 'nested': parameter 'pair.second' is required");
        assertThat(invalid("nested", NESTED.replace("\"qty\":2", "\"other\":2"))).isEqualTo(
                "Invalid arguments for tool 'nested': parameter 'items.x.qty' is required");
        assertThat(invalid("nested", NESTED.replace("{\"label\":\"leaf\"}", "{\"children\":[]}"))).isEqualTo(
                "Invalid arguments for tool 'nested': parameter 'tree.children[0].label' is required");
    }

    @Test
    void holdsEachKindOfAPolymorphicValueToItsOwnSchema() {
        assertThat(invalid("nested", NESTED.replace("\"radius\":1", "\"side\":1"))).isEqualTo(
                "Invalid arguments for tool 'nested': parameter 'shapes[0].radius' is required");
        assertThat(ok("nested", NESTED.replace("\"kind\":\"circle\",\"radius\":1", "\"kind\":\"square\",\"side\":1")))
            .startsWith("a1|");
        assertThat(invalid("nested", NESTED.replace("\"kind\":\"circle\",", ""))).isEqualTo(
                "Invalid arguments for tool 'nested': parameter 'shapes[0]': 'kind' is required (one of [circle, square])");
        assertThat(invalid("nested", NESTED.replace("\"kind\":\"circle\"", "\"kind\":\"triangle\""))).isEqualTo(
                "Invalid arguments for tool 'nested': parameter 'shapes[0]': 'kind' \"triangle\" is no known type"
                        + " (one of [circle, square])");
    }

    @Test
    void refusesNullAsTheValueOfATypedMapButNotOfAnyJson() {
        assertThat(invalid("nested", NESTED.replace("{\"a\":1}", "{\"a\":null}"))).isEqualTo(
                "Invalid arguments for tool 'nested': parameter 'counts.a': a value must not be null");
        assertThat(invalid("nested", NESTED.replace("{\"x\":{\"name\":\"X\",\"qty\":2}}", "{\"x\":null}")))
            .isEqualTo("Invalid arguments for tool 'nested': parameter 'items.x': a value must not be null");
    }

    @Test
    void saysWhatANumberOutOfRangeAndAValueACreatorRefusedShouldBe() {
        assertThat(invalid("primitives", "{\"count\":3000000000,\"big\":1,\"ratio\":1,\"flag\":true,\"letter\":\"x\"}"))
            .isEqualTo("Invalid arguments for tool 'primitives': parameter 'count': expected an integer from"
                    + " -2147483648 to 2147483647, got 3000000000");
        assertThat(ok("priority", "{\"priority\":\"high\"}")).isEqualTo("HIGH");
        // not Enum.valueOf's "No enum constant dev.mcpspring...Priority.URGENT"
        assertThat(invalid("priority", "{\"priority\":\"urgent\"}")).isEqualTo(
                "Invalid arguments for tool 'priority': parameter 'priority': expected one of [\"LOW\", \"HIGH\"],"
                        + " got \"urgent\"");
    }

    @Test
    void refusesANumberTooLargeToReadInsteadOfReadingItAsInfinity() {
        assertThat(invalid("sum", "{\"values\":[1,1e999],\"weights\":[]}")).isEqualTo("Invalid arguments for "
                + "tool 'sum': parameter 'values[1]': the number is too large (at most " + Double.MAX_VALUE + ")");
        assertThat(invalid("boxed", "{\"count\":1,\"ratio\":-1e400,\"flag\":true,\"amount\":1}"))
            .isEqualTo("Invalid arguments for tool 'boxed': parameter 'ratio': the number is too large (at most "
                    + Double.MAX_VALUE + ")");
        assertThat(ok("boxed", "{\"count\":1,\"ratio\":1e308,\"flag\":true,\"amount\":1}"))
            .isEqualTo("1|1.0E308|true|1");
    }

    @Test
    void reportsTheMessageOfAConstructorThatRejectsTheValue() {
        assertThat(invalid("records",
                "{\"location\":{\"city\":\"Oslo\",\"country_code\":\"NO\"},\"range\":{\"from\":5,\"to\":1}}"))
            .isEqualTo("Invalid arguments for tool 'records': parameter 'range': 'from' must not be greater than 'to'");
    }

    @Test
    void refusesValuesOfAnotherJsonTypeInsteadOfCoercingThem() {
        assertThat(invalid("named", "{\"q\":42}"))
            .isEqualTo("Invalid arguments for tool 'named': parameter 'q': expected a string, got 42");
        assertThat(invalid("named", "{\"q\":true}")).endsWith("parameter 'q': expected a string, got true");
        assertThat(invalid("boxed", "{\"count\":\"42\",\"ratio\":\"1.5\",\"flag\":\"true\",\"amount\":1}"))
            .isEqualTo("Invalid arguments for tool 'boxed': parameter 'count': expected an integer, got \"42\";"
                    + " parameter 'ratio': expected a number, got \"1.5\"; parameter 'flag': expected a boolean (true"
                    + " or false), got \"true\"");
        assertThat(invalid("collections", "{\"locations\":[],\"counts\":{},\"numbers\":7}"))
            .isEqualTo("Invalid arguments for tool 'collections': parameter 'numbers': expected an array, got 7");
        assertThat(invalid("collections",
                "{\"locations\":[{\"city\":7,\"country_code\":\"NO\"}],\"counts\":{},\"numbers\":[]}"))
            .isEqualTo("Invalid arguments for tool 'collections': parameter 'locations[0].city': expected a string,"
                    + " got 7");
    }

    @Test
    void refusesArgumentsTheToolDoesNotTakeAlongWithTheOtherProblems() {
        assertThat(invalid("named", "{\"q\":\"x\",\"query\":\"y\"}"))
            .isEqualTo("Invalid arguments for tool 'named': unknown argument 'query' (the tool takes [q])");
        assertThat(invalid("named", "{\"q\":1,\"b\":2,\"a\":3}"))
            .isEqualTo("Invalid arguments for tool 'named': parameter 'q': expected a string, got 1;"
                    + " unknown arguments ['a', 'b'] (the tool takes [q])");
        assertThat(tool(tools, "named").tool().inputSchema().path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void aToolMayAcceptArgumentsItDoesNotTake() {
        assertThat(ok("lenient", "{\"q\":\"x\",\"trace\":\"abc\"}")).isEqualTo("x");
        assertThat(tool(tools, "lenient").tool().inputSchema().has("additionalProperties")).isFalse();
    }

    @Test
    void reportsEveryInvalidArgumentAtOnce() {
        assertThat(invalid("primitives", "{\"count\":\"x\",\"big\":1,\"ratio\":1,\"letter\":\"x\"}"))
            .isEqualTo("Invalid arguments for tool 'primitives': parameter 'count': expected an integer, got \"x\";"
                    + " parameter 'flag' is required");
    }
}
