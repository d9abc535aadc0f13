package dev.mcpspring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.McpPeerException;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/**
 * In stateless mode no answer from the client could reach the server, so every call to the client fails at once
 * with an {@link McpPeerException} that says so, whatever the client can do, and nothing is sent.
 */
@SpringBootTest(classes = { PeerTestApplication.class, PeerTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.server.session.stateless=true")
class StatelessPeerHttpTests extends PeerHttpTestSupport {

    @ParameterizedTest
    @ValueSource(strings = { "sample", "askName", "roots", "pingClient" })
    void callsToTheClientFailWithAClearMessage(String tool) {
        McpTestClient client = McpTestClient.create(port).protocolVersion("2025-11-25");
        String key = key();

        McpResponse response = client.callTool(tool, args(key));

        JsonNode message = onlyResponse(response);
        assertThat(errorText(message.path("result"))).contains("stateless");
        Throwable failure = outcomes.failure(key, WAIT);
        assertThat(failure).isInstanceOf(McpPeerException.class)
            .isNotInstanceOf(McpClientCapabilityException.class)
            .hasMessageContaining("stateless");
    }

    @ParameterizedTest
    @ValueSource(strings = { "sample", "askName", "roots", "pingClient" })
    void callsToTheClientFailEvenWhenInitializeDeclaredTheCapabilities(String tool) {
        McpTestClient client = McpTestClient.create(port);
        client.initialize("2025-11-25", ALL_CAPABILITIES).result();
        String key = key();

        McpResponse response = client.callTool(tool, args(key));

        assertThat(errorText(onlyResponse(response).path("result"))).contains("stateless");
        assertThat(outcomes.failure(key, WAIT)).hasMessageContaining("stateless");
    }

    @Test
    void notificationsStillTravelOnTheCallsResponse() {
        McpTestClient client = McpTestClient.create(port).protocolVersion("2025-11-25");

        McpResponse response = client.callTool("report", Map.of("steps", 2), "tok");

        assertThat(response.isSse()).isTrue();
        assertThat(response.notifications()).hasSize(2 + 4);
        assertThat(successText(response.result())).isEqualTo("reported");
    }
}
