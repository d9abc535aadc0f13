package dev.mcpspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.test.AutoConfigureMcpTestClient;
import dev.mcpspring.test.McpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP, as an operator sees the sample: after a few tool calls, Prometheus scrapes the operation timers
 * by tool name, and the health has the mcp component.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.health.show-details=always")
@AutoConfigureMcpTestClient
class SampleActuatorTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    McpTestClient mcp;

    @LocalServerPort
    int port;

    @Test
    void prometheusListsTheOperationDurationsOfTheToolsCalled() throws Exception {
        assertThat(mcp.callTool("statistics", Map.of("numbers", List.of(1, 2, 3)))).isSuccessful();
        assertThat(mcp.callTool("convert_temperature",
                Map.of("from", Map.of("value", 100, "unit", "CELSIUS"), "to", "FAHRENHEIT")))
            .isSuccessful();

        String scrape = get("/actuator/prometheus");

        assertThat(scrape.lines())
            .anyMatch(line -> line.startsWith("mcp_server_operation_duration_seconds_count{")
                    && line.contains("gen_ai_tool_name=\"statistics\""))
            .anyMatch(line -> line.startsWith("mcp_server_operation_duration_seconds_count{")
                    && line.contains("gen_ai_tool_name=\"convert_temperature\""));
    }

    @Test
    void springsHttpMetricsNameTheEndpointForCallsAndRefusalsAlike() throws Exception {
        assertThat(mcp.callTool("statistics", Map.of("numbers", List.of(1, 2)))).isSuccessful();
        HttpResponse<String> foreignOrigin = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/mcp")).header("Origin", "https://evil.example").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreignOrigin.statusCode()).isEqualTo(403);

        String scrape = get("/actuator/prometheus");

        assertThat(scrape.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("uri=\"/mcp\"")))
            .anyMatch(line -> line.contains("status=\"200\""))
            .anyMatch(line -> line.contains("status=\"403\""));
        assertThat(scrape.lines()).as("every request, the endpoint's as any, has its path")
            .noneMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("uri=\"UNKNOWN\""));
    }

    @Test
    void theHealthHasTheMcpComponent() throws Exception {
        JsonNode health = JsonMapper.builder().build().readTree(get("/actuator/health"));
        JsonNode mcpHealth = health.get("components").get("mcp");

        assertThat(mcpHealth.get("status").asString()).isEqualTo("UP");
        assertThat(mcpHealth.get("details").get("sessionStore").asString()).isEqualTo("memory");
    }

    @Test
    void theMcpEndpointIsNotExposedByDefault() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/mcp")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
