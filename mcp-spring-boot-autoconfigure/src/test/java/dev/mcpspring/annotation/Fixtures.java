package dev.mcpspring.annotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Types used as arguments and results in the tests. */
final class Fixtures {

    private Fixtures() {
    }

    enum Unit {
        CELSIUS, FAHRENHEIT
    }

    enum Level {
        LOW("low"), HIGH("high");

        private final String value;

        Level(String value) {
            this.value = value;
        }

        @JsonValue
        String value() {
            return value;
        }
    }

    /** Constants with display titles; one renamed by Jackson. */
    enum Region implements McpTitledEnum {
        EU_WEST("Europe (Ireland)"), @JsonProperty("us-east") US_EAST("US East (Virginia)"), LOCAL(null);

        private final String title;

        Region(String title) {
            this.title = title;
        }

        @Override
        public String title() {
            return title;
        }
    }

    record Trip(@McpToolParam(title = "Travellers", description = "How many people travel") int people,
            Region region) {
    }

    record Location(@McpToolParam(description = "City name") String city,
            @JsonProperty("country_code") @JsonPropertyDescription("ISO 3166 code") String countryCode,
            Optional<String> region) {
    }

    record Forecast(String city, double temperature, Unit unit, List<String> notes) {
    }

    record Range(int from, int to) {
        Range {
            if (from > to) {
                throw new IllegalArgumentException("'from' must not be greater than 'to'");
            }
        }
    }

    /** A recursive type. */
    record TreeNode(String label, @McpToolParam(description = "Child nodes", required = false) List<TreeNode> children) {
    }

    record Constrained(@NotBlank String name, @Min(1) @Max(10) int count, @Size(min = 2, max = 3) List<String> tags,
            @Pattern(regexp = "[a-z]+") String code) {
    }

    record Order(@NotBlank String item, @Min(1) int quantity) {
    }

    record Basket(@Valid List<Order> orders, Map<String, Integer> counts) {
    }

    /** A polymorphic type, told apart by its {@code kind}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({ @JsonSubTypes.Type(value = Circle.class, name = "circle"),
            @JsonSubTypes.Type(value = Square.class, name = "square") })
    sealed interface Shape permits Circle, Square {
    }

    record Circle(double radius) implements Shape {
    }

    record Square(double side) implements Shape {
    }
}
