package dev.mcpspring.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.app.KitTestApplication;
import dev.mcpspring.test.app.KitTools.Forecast;
import dev.mcpspring.test.internal.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The assertions fail when they should, saying what was expected and what came. */
@SpringBootTest(classes = KitTestApplication.class)
@AutoConfigureMcpTestClient
class McpResultAssertTests {

    @Autowired
    McpTestClient mcp;

    @Test
    void aToolErrorIsNotASuccess() {
        McpResult broken = mcp.callTool("broken");

        assertThatThrownBy(() -> assertThat(broken).isSuccessful()).isInstanceOf(AssertionError.class)
            .hasMessageContaining("the tool reported an error")
            .hasMessageContaining("the weather service is down");
    }

    @Test
    void aJsonRpcErrorIsNeitherASuccessNorAToolError() {
        McpResult unknown = mcp.callTool("no_such_tool");

        assertThatThrownBy(() -> assertThat(unknown).isSuccessful()).isInstanceOf(AssertionError.class)
            .hasMessageContaining("JSON-RPC error");
        assertThatThrownBy(() -> assertThat(unknown).isToolError()).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(unknown).hasErrorCode(-32601)).isInstanceOf(AssertionError.class)
            .hasMessageContaining("-32601");
    }

    @Test
    void aSuccessHasNoErrorCode() {
        McpResult echo = mcp.callTool("echo", Map.of("text", "hi"));

        assertThatThrownBy(() -> assertThat(echo).hasErrorCode(-32602)).isInstanceOf(AssertionError.class)
            .hasMessageContaining("got a result");
        assertThatThrownBy(() -> assertThat(echo).hasText("bye")).isInstanceOf(AssertionError.class)
            .hasMessageContaining("bye");
        assertThatThrownBy(() -> assertThat(echo).structuredContentMatchesOutputSchema())
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("declares none");
    }

    @Test
    void structuredContentThatDiffersFails() {
        McpResult forecast = mcp.callTool("forecast", Map.of("city", "Paris"));

        assertThatThrownBy(() -> assertThat(forecast).hasStructuredContent(new Forecast("Paris", 30)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("celsius");
    }

    @Test
    void structuredContentAgainstASchemaItBreaksFails() {
        McpResult forecast = mcp.callTool("forecast", Map.of("city", "Paris"));
        JsonNode stringCelsius = JsonMapper.shared()
            .readTree("{\"type\":\"object\",\"properties\":{\"celsius\":{\"type\":\"string\"}}}");
        McpResult mismatched = new McpResult("tools/call", new Outcome(forecast.response(), 200, null, List.of()),
                JsonMapper.shared(), () -> stringCelsius);

        assertThatThrownBy(() -> assertThat(mismatched).structuredContentMatchesOutputSchema())
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("celsius");
    }
}
