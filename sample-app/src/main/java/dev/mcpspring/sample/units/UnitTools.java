package dev.mcpspring.sample.units;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
        if (!Double.isFinite(converted)) {
            throw new IllegalArgumentException("The temperature is too large to convert");
        }
        return new Temperature(BigDecimal.valueOf(converted).setScale(2, RoundingMode.HALF_UP).doubleValue(), to);
    }
}
