package dev.mcpspring.sample.units;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A temperature on one scale.
 *
 * @param value the number
 * @param unit  the scale
 */
public record Temperature(@JsonPropertyDescription("The temperature value") double value,
        @JsonPropertyDescription("The temperature scale") TemperatureUnit unit) {
}
