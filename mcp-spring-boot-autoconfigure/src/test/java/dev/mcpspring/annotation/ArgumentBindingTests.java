package dev.mcpspring.annotation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mcpspring.annotation.Fixtures.Location;
import dev.mcpspring.annotation.Fixtures.Range;
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
        assertThat(ok("records", "{\"location\":{\"city\":\"Oslo\"},\"range\":{\"from\":1,\"to\":1}}"))
            .isEqualTo("Oslo|null|-|1..1");
    }

    @Test
    void bindsPojos() {
        assertThat(ok("pojo", "{\"filter\":{\"query\":\"rain\"}}")).isEqualTo("rain|10");
    }

    @Test
    void bindsListsMapsAndArrays() {
        assertThat(ok("collections",
                "{\"locations\":[{\"city\":\"A\"},{\"city\":\"B\"}],\"counts\":{\"a\":1,\"b\":2},\"numbers\":[1,2,3]}"))
            .isEqualTo("2:B|2|3");
    }

    @Test
    void bindsOptionalAndNotRequiredArguments() {
        assertThat(ok("optionals", "{}")).isEqualTo("none|null|0|none");
        assertThat(ok("optionals", "{\"lang\":null,\"limit\":null}")).isEqualTo("none|null|0|none");
        assertThat(ok("optionals", "{\"lang\":\"en\",\"limit\":5,\"page\":2,\"near\":{\"city\":\"Bergen\"}}"))
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
                "{\"locations\":[{\"city\":\"A\"},{\"city\":{\"name\":\"B\"}}],\"counts\":{},\"numbers\":[]}"))
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
        assertThat(invalid("collections", "{\"locations\":[{\"city\":\"Oslo\"},null],\"counts\":{},"
                + "\"numbers\":[]}")).isEqualTo("Invalid arguments for tool 'collections': "
                        + "parameter 'locations[1]': an array element must not be null");
        assertThat(invalid("records", "{\"location\":{\"city\":\"Oslo\"},\"range\":{\"from\":null,\"to\":2}}"))
            .startsWith("Invalid arguments for tool 'records': parameter 'range.from': ");
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
        assertThat(invalid("records", "{\"location\":{\"city\":\"Oslo\"},\"range\":{\"from\":5,\"to\":1}}"))
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
        assertThat(invalid("collections", "{\"locations\":[{\"city\":7}],\"counts\":{},\"numbers\":[]}"))
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
