package dev.mcpspring.docs.quickstart;

// tag::class[]
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;

@Component
class WeatherTools {

    record Forecast(String city, double temperature, String summary) {}

    @McpTool(description = "Forecast for a city", readOnlyHint = true)
    Forecast forecast(@McpToolParam(description = "City name") String city,
                      @McpToolParam(description = "Days ahead, 0 for today", required = false) int days) {
        return new Forecast(city, 21.5, "sunny");
    }
}
// end::class[]
