package dev.mcpspring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** Progress and log notifications from a tool: on its call's stream, with its token, at the client's level. */
@PeerHttpTest
class NotificationsHttpTests extends PeerHttpTestSupport {

    @Test
    void progressWithTheRequestsTokenGoesOutOnTheCallsStreamBeforeTheResult() {
        McpTestClient client = connect(Map.of());

        McpResponse response = client.callTool("report", Map.of("steps", 3), "progress-1");

        assertThat(response.isSse()).isTrue();
        List<JsonNode> messages = response.messages();
        List<JsonNode> progress = progress(response);
        assertThat(progress).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode params = progress.get(i).path("params");
            assertThat(params.path("progressToken").asString()).isEqualTo("progress-1");
            assertThat(params.path("progress").asDouble()).isEqualTo(i + 1.0);
            assertThat(params.path("total").asDouble()).isEqualTo(3.0);
            assertThat(params.path("message").asString()).isEqualTo("step " + (i + 1));
        }
        assertThat(messages.get(messages.size() - 1).has("result")).as("the result comes last").isTrue();
        assertThat(successText(response.result())).isEqualTo("reported");
    }

    @Test
    void anIntegerProgressTokenIsEchoedAsAnInteger() {
        McpTestClient client = connect(Map.of());

        McpResponse response = client.callTool("report", Map.of("steps", 1), 42);

        assertThat(progress(response)).singleElement()
            .satisfies(note -> assertThat(note.path("params").path("progressToken").isIntegralNumber()).isTrue())
            .satisfies(note -> assertThat(note.path("params").path("progressToken").asInt()).isEqualTo(42));
    }

    @Test
    void withoutATokenNoProgressIsSent() {
        McpTestClient client = connect(Map.of());

        McpResponse response = client.callTool("report", Map.of("steps", 3));

        assertThat(progress(response)).isEmpty();
        assertThat(logLevels(response)).as("without logging/setLevel every level is sent")
            .containsExactly("debug", "info", "warning", "error");
        assertThat(successText(response.result())).isEqualTo("reported");
    }

    @Test
    void logMessagesBelowTheLevelTheClientSetAreNotSent() {
        McpTestClient client = connect(Map.of());
        assertThat(client.request("logging/setLevel", Map.of("level", "warning")).result().isEmpty()).isTrue();

        McpResponse filtered = client.callTool("report", Map.of("steps", 0));

        assertThat(logLevels(filtered)).containsExactly("warning", "error");
        assertThat(filtered.notifications()).allSatisfy(
                log -> assertThat(log.path("params").path("logger").asString()).isEqualTo("report"));

        client.request("logging/setLevel", Map.of("level", "emergency"));
        assertThat(onlyResponse(client.callTool("report", Map.of("steps", 0))).has("result"))
            .as("nothing passes, so a plain JSON answer").isTrue();

        client.request("logging/setLevel", Map.of("level", "info"));
        assertThat(logLevels(client.callTool("report", Map.of("steps", 0)))).containsExactly("info", "warning",
                "error");
    }

    @Test
    void theServerDeclaresLogging() {
        McpTestClient client = McpTestClient.create(port);

        assertThat(client.initialize().result().path("capabilities").has("logging")).isTrue();
    }

    private static List<JsonNode> progress(McpResponse response) {
        return response.notifications()
            .stream()
            .filter(note -> note.path("method").asString().equals("notifications/progress"))
            .toList();
    }

    private static List<String> logLevels(McpResponse response) {
        return response.notifications()
            .stream()
            .filter(note -> note.path("method").asString().equals("notifications/message"))
            .map(note -> note.path("params").path("level").asString())
            .toList();
    }
}
