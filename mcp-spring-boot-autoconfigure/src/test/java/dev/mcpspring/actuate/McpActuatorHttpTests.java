package dev.mcpspring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpTool;

/** Over real HTTP: the JSON of the mcp endpoint, of the mcp health component and of the mcp info entry. */
@SpringBootTest(classes = { McpActuatorHttpTests.ActuatorApplication.class, McpActuatorHttpTests.ActuatorTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=health,mcp,info",
                "management.endpoint.health.show-details=always", "management.health.redis.enabled=false",
                "mcp.server.name=actuated",
                "mcp.server.version=4.5.6" })
class McpActuatorHttpTests {

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void theMcpEndpointListsEveryToolWithItsSchemaAndSource() throws Exception {
        JsonNode mcp = get("/actuator/mcp");
        JsonNode greet = null;
        for (JsonNode tool : mcp.get("tools")) {
            if (tool.get("name").asString().equals("greet")) {
                greet = tool;
            }
        }
        assertThat(greet).isNotNull();
        assertThat(greet.get("description").asString()).isEqualTo("Greets someone");
        assertThat(greet.get("inputSchema").get("type").asString()).isEqualTo("object");
        assertThat(greet.get("inputSchema").get("properties").has("name")).isTrue();
        assertThat(greet.get("source").asString()).contains("ActuatorTools").contains("greet");
        assertThat(mcp.get("prompts").get(0).get("name").asString()).isEqualTo("welcome");
        assertThat(mcp.get("prompts").get(0).get("source").asString()).contains("welcome");
        assertThat(mcp.has("resources")).isTrue();
        assertThat(mcp.has("resourceTemplates")).isTrue();
        assertThat(mcp.has("completions")).isTrue();
    }

    @Test
    void theHealthHasTheMcpComponentWithItsDetails() throws Exception {
        JsonNode component = get("/actuator/health").get("components").get("mcp");
        assertThat(component.get("status").asString()).isEqualTo("UP");
        assertThat(component.get("details").get("sessions").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(component.get("details").get("openSseStreams").asInt()).isZero();
        assertThat(component.get("details").get("sessionStore").asString()).isEqualTo("memory");
    }

    @Test
    void theInfoHasTheServersNameVersionAndRevisions() throws Exception {
        JsonNode mcp = get("/actuator/info").get("mcp");
        assertThat(mcp.get("name").asString()).isEqualTo("actuated");
        assertThat(mcp.get("version").asString()).isEqualTo("4.5.6");
        assertThat(mcp.get("protocolVersions").isArray()).isTrue();
        assertThat(mcp.get("protocolVersions").toString()).contains("2025-11-25");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Component
    public static class ActuatorTools {

        @McpTool(description = "Greets someone")
        public String greet(String name) {
            return "Hello " + name;
        }

        @McpPrompt(description = "Welcomes")
        public String welcome(String name) {
            return "Welcome " + name;
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
    static class ActuatorApplication {
    }
}
