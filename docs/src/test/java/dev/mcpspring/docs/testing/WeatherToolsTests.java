package dev.mcpspring.docs.testing;

// tag::class[]
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.AutoConfigureMcpTestClient;
import dev.mcpspring.test.McpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMcpTestClient
class WeatherToolsTests {

    @Autowired
    McpTestClient mcp;

    @Test
    void forecastIsStructuredAsItsSchemaSays() {
        assertThat(mcp.callTool("forecast", Map.of("city", "Paris")))
            .isSuccessful()
            .structuredContentMatchesOutputSchema()
            .structuredContent().extractingPath("$.summary").isEqualTo("sunny");
    }

    @Test
    void aMissingCityIsReportedToTheModel() {
        assertThat(mcp.callTool("forecast", Map.of()))
            .isToolError()
            .text().contains("city");
    }
}
// end::class[]
