package dev.mcpspring.annotation;

import java.io.IOException;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;


import dev.mcpspring.annotation.Fixtures.Circle;
import dev.mcpspring.annotation.Fixtures.Forecast;
import dev.mcpspring.annotation.Fixtures.Shape;
import dev.mcpspring.annotation.Fixtures.Square;
import dev.mcpspring.annotation.Fixtures.TreeNode;
import dev.mcpspring.annotation.Fixtures.Unit;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.server.ToolSpecification;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.mcpspring.annotation.JsonSchemas.MAPPER;
import static dev.mcpspring.annotation.TestTools.call;
import static dev.mcpspring.annotation.TestTools.errorText;
import static dev.mcpspring.annotation.TestTools.successText;
import static dev.mcpspring.annotation.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ResultMappingTests {

    record Reading(String station, Optional<Double> gust) {
    }

    record Page<T>(List<T> items, int total) {
    }

    record Times(ZonedDateTime meeting, YearMonth month, LocalTime at, byte[] data, OptionalInt limit) {
    }

    static final Forecast OSLO = new Forecast("Oslo", -3.5, Unit.CELSIUS, List.of("snow"));

    static class Tools {

        Object dynamicValue;

        @McpTool
        String text() {
            return "Sunny";
        }

        @McpTool
        String nullText() {
            return null;
        }

        @McpTool
        Forecast record() {
            return OSLO;
        }

        @McpTool
        Forecast partialRecord() {
            return new Forecast(null, 1, null, null);
        }

        @McpTool
        Forecast nullRecord() {
            return null;
        }

        @McpTool
        List<Forecast> list() {
            return List.of(OSLO, OSLO);
        }

        @McpTool
        int number() {
            return 42;
        }

        @McpTool
        Unit enumeration() {
            return Unit.FAHRENHEIT;
        }

        @McpTool
        Map<String, Integer> map() {
            return Map.of("a", 1);
        }

        @McpTool
        Optional<Forecast> present() {
            return Optional.of(OSLO);
        }

        @McpTool
        Optional<Forecast> absent() {
            return Optional.empty();
        }

        @McpTool
        Reading calm() {
            return new Reading("Oslo", Optional.empty());
        }

        @McpTool
        Reading windy() {
            return new Reading("Bergen", Optional.of(21.5));
        }

        @McpTool
        Reading stormy() {
            return new Reading("Tromsø", Optional.of(Double.POSITIVE_INFINITY));
        }

        @McpTool
        List<Float> undefined() {
            return List.of(1f, Float.NaN);
        }

        @McpTool
        TreeNode tree() {
            return new TreeNode("root", List.of(new TreeNode("leaf", null)));
        }

        @McpTool
        void nothing() {
        }

        @McpTool
        List<Shape> shapes() {
            return List.of(new Circle(1), new Square(2));
        }

        @McpTool
        Page<Shape> shapePage() {
            return new Page<>(List.of(new Square(3)), 1);
        }

        @McpTool
        CompletableFuture<Map<String, Shape>> laterShapes() {
            return CompletableFuture.completedFuture(Map.of("c", new Circle(4)));
        }

        @McpTool
        Times times() {
            return new Times(ZonedDateTime.parse("2024-05-01T10:00:00+02:00"), YearMonth.of(2024, 5),
                    LocalTime.of(10, 15, 30), new byte[] { 1, 2, 3 }, OptionalInt.of(7));
        }

        @McpTool
        OptionalInt someInt() {
            return OptionalInt.of(5);
        }

        @McpTool
        OptionalInt noInt() {
            return OptionalInt.empty();
        }

        @McpTool
        Content image() {
            return Content.image("aGk=", "image/png");
        }

        @McpTool
        List<Content> contents() {
            return List.of(Content.text("a"), Content.text("b"));
        }

        @McpTool
        CallToolResult full() {
            return new CallToolResult(List.of(Content.text("custom")), Map.of("k", "v"), false, Map.of("m", 1));
        }

        @McpTool
        Object dynamic() {
            return dynamicValue;
        }

        @McpTool
        String fails(String city) {
            throw new IllegalArgumentException("City not found: " + city);
        }

        @McpTool
        String failsChecked() throws IOException {
            throw new IOException("Weather service unreachable");
        }

        @McpTool
        Forecast failsWithoutMessage() {
            throw new NullPointerException();
        }

        @McpTool
        Forecast failsInTheApplication() {
            throw new ForecastUnavailableException("No forecast for Atlantis");
        }

        @McpTool
        String protocolError() {
            throw McpException.invalidParams("Unknown region");
        }
    }

    private final Tools tools = new Tools();

    private CallToolResult result(String name) {
        return call(tool(tools, name), "{}");
    }

    /** Structured content equals the text block's JSON, and conforms to the output schema. */
    private JsonNode structured(String name, String expectedJson) {
        ToolSpecification tool = tool(tools, name);
        CallToolResult result = call(tool, "{}");
        assertThat(result.isError()).isNull();
        JsonNode structured = MAPPER.readTree(MAPPER.writeValueAsString(result.structuredContent())); // as sent
        assertThat(structured).isEqualTo(MAPPER.readTree(expectedJson));
        assertThat(MAPPER.readTree(successText(result))).isEqualTo(structured);
        JsonSchemas.assertAccepts(tool.tool().outputSchema(), structured.toString());
        return structured;
    }

    @Test
    void stringIsOneTextBlock() {
        CallToolResult result = result("text");
        assertThat(successText(result)).isEqualTo("Sunny");
        assertThat(result.structuredContent()).isNull();
        assertThat(result("nullText").content()).isEmpty();
    }

    @Test
    void recordIsStructuredContentWithTheSameJsonAsText() {
        structured("record", "{\"city\":\"Oslo\",\"temperature\":-3.5,\"unit\":\"CELSIUS\",\"notes\":[\"snow\"]}");
        structured("partialRecord", "{\"temperature\":1.0}");
        structured("tree", "{\"label\":\"root\",\"children\":[{\"label\":\"leaf\"}]}");
        // an empty Optional is left out, as a null is: the output schema does not allow null
        structured("calm", "{\"station\":\"Oslo\"}");
        structured("windy", "{\"station\":\"Bergen\",\"gust\":21.5}");
    }

    @Test
    void aNumberJsonCannotCarryFailsTheCallSayingWhere() {
        // Jackson would write "Infinity", a string where the output schema says number
        assertThat(errorText(result("stormy"))).isEqualTo("Tool 'stormy' failed: its result could not be converted "
                + "to JSON: 'gust' is a number JSON cannot carry (Infinity): return a finite number, or null");
        assertThat(errorText(result("undefined"))).endsWith("'[1]' is a number JSON cannot carry (NaN): return a "
                + "finite number, or null");
    }

    @Test
    void nonObjectValuesAreWrapped() {
        structured("list", "{\"result\":[" + MAPPER.writeValueAsString(OSLO) + "," + MAPPER.writeValueAsString(OSLO) + "]}");
        structured("number", "{\"result\":42}");
        structured("enumeration", "{\"result\":\"FAHRENHEIT\"}");
        structured("present", "{\"result\":" + MAPPER.writeValueAsString(OSLO) + "}");
        structured("absent", "{}");
    }

    @Test
    void mapIsAnObject() {
        structured("map", "{\"a\":1}");
    }

    @Test
    void nullForAnObjectResultIsAnError() {
        assertThat(errorText(result("nullRecord"))).isEqualTo("Tool 'nullRecord' returned no result");
    }

    @Test
    void voidGivesNoContent() {
        CallToolResult result = result("nothing");
        assertThat(result.content()).isEmpty();
        assertThat(result.isError()).isNull();
        assertThat(result.structuredContent()).isNull();
    }

    @Test
    void contentIsUsedAsGiven() {
        assertThat(result("image").content()).containsExactly(Content.image("aGk=", "image/png"));
        assertThat(result("contents").content()).containsExactly(Content.text("a"), Content.text("b"));
        assertThat(result("full")).isEqualTo(tools.full());
    }

    @Test
    void objectResultsAreMappedByTheirValue() {
        tools.dynamicValue = "plain";
        assertThat(successText(result("dynamic"))).isEqualTo("plain");
        tools.dynamicValue = Content.text("block");
        assertThat(result("dynamic").content()).containsExactly(Content.text("block"));
        tools.dynamicValue = OSLO;
        CallToolResult structured = result("dynamic");
        assertThat(MAPPER.valueToTree(structured.structuredContent()).get("city").asString()).isEqualTo("Oslo");
        tools.dynamicValue = List.of(1, 2);
        CallToolResult array = result("dynamic");
        assertThat(successText(array)).isEqualTo("[1,2]");
        assertThat(array.structuredContent()).isNull();
        tools.dynamicValue = null;
        assertThat(result("dynamic").content()).isEmpty();
    }

    @Test
    void exceptionsBecomeErrorResultsWithTheirMessage() {
        assertThat(errorText(call(tool(tools, "fails"), "{\"city\":\"Atlantis\"}")))
            .isEqualTo("Tool 'fails' failed: City not found: Atlantis");
        // the JDK's and libraries' messages describe the server's insides (paths, hosts, class names)
        assertThat(errorText(result("failsChecked")))
            .isEqualTo("Tool 'failsChecked' failed: an unexpected error occurred (the server log has the details)");
        assertThat(errorText(result("failsWithoutMessage")))
            .isEqualTo("Tool 'failsWithoutMessage' failed: an unexpected error occurred (the server log has the details)");
        assertThat(errorText(result("failsInTheApplication")))
            .isEqualTo("Tool 'failsInTheApplication' failed: No forecast for Atlantis");
    }

    @Test
    void valuesOfAPolymorphicTypeInAGenericOneKeepTheirTypeNames() {
        structured("shapes",
                "{\"result\":[{\"kind\":\"circle\",\"radius\":1.0},{\"kind\":\"square\",\"side\":2.0}]}");
        structured("shapePage", "{\"items\":[{\"kind\":\"square\",\"side\":3.0}],\"total\":1}");
        assertThat(MAPPER.valueToTree(result("laterShapes").structuredContent()).toString())
            .isEqualTo("{\"c\":{\"kind\":\"circle\",\"radius\":4.0}}");
    }

    @Test
    void scalarsAreWrittenAsTheirSchemasSay() {
        // the offset given stays; the others as Jackson writes them, which their schemas describe
        structured("times", "{\"meeting\":\"2024-05-01T10:00:00+02:00\",\"month\":\"2024-05\","
                + "\"at\":\"10:15:30\",\"data\":\"AQID\",\"limit\":7}");
        structured("someInt", "{\"result\":5}");
        structured("noInt", "{}");
    }

    @Test
    void protocolErrorsPropagate() {
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> result("protocolError"))
            .withMessage("Unknown region")
            .satisfies(ex -> assertThat(ex.code()).isEqualTo(-32602));
    }

    /** An exception of the application, whose message its author wrote for the model. */
    static class ForecastUnavailableException extends RuntimeException {

        ForecastUnavailableException(String message) {
            super(message);
        }
    }
}
