package dev.mcpspring.sample.units;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;

/** Unit conversions. */
@Component
public class UnitTools {

    @McpTool(name = "convert_temperature", title = "Convert a temperature",
            description = "Converts a temperature between Celsius, Fahrenheit and Kelvin", readOnlyHint = true,
            idempotentHint = true, openWorldHint = false, destructiveHint = false)
    public Temperature convertTemperature(@McpToolParam(description = "The temperature to convert") Temperature from,
            @McpToolParam(description = "The scale to convert to") TemperatureUnit to) {
        if (from.unit() == TemperatureUnit.KELVIN && from.value() < 0) {
            throw new IllegalArgumentException("A temperature in Kelvin cannot be negative");
        }
        double converted = to.fromKelvin(from.unit().toKelvin(from.value()));
        return new Temperature(Math.round(converted * 100) / 100.0, to);
    }
}
