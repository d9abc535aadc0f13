package dev.mcpspring.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.sample.tasks.Priority;
import dev.mcpspring.sample.tasks.Task;
import dev.mcpspring.sample.tasks.TaskBoard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.mcpspring.sample.TypeScriptV2Clients.LEGACY;
import static dev.mcpspring.sample.TypeScriptV2Clients.SAMPLE_TOOLS;
import static dev.mcpspring.sample.TypeScriptV2Clients.call;
import static dev.mcpspring.sample.TypeScriptV2Clients.postedMethods;
import static dev.mcpspring.sample.TypeScriptV2Clients.result;
import static dev.mcpspring.sample.TypeScriptV2Clients.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript SDK v2 client ({@code @modelcontextprotocol/client} 2.4.0) in {@code versionNegotiation: 'legacy'}
 * mode, its default: the plain 2025-11-25 sequence ({@code initialize}, a session, server-to-client requests for
 * sampling, roots and elicitation), byte-identical to a 2025 client. These pass against the server as it is today
 * and must keep passing once it also speaks 2026-07-28.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TypeScriptSdkV2LegacyInteropTest {

    @LocalServerPort
    int port;

    @Autowired
    TaskBoard board;

    @TempDir
    Path workspace;

    @Test
    void legacyModeRunsThe2025HandshakeAndCallsAPlainTool() throws Exception {
        JsonNode out = run(List.of(call("convert_temperature",
                Map.of("from", Map.of("value", 100, "unit", "CELSIUS"), "to", "FAHRENHEIT"))));

        assertThat(out.path("era").asString()).isEqualTo("legacy");
        assertThat(out.path("protocolVersion").asString()).isEqualTo(LEGACY);
        assertThat(out.path("sessionId").asString()).isNotBlank();
        assertThat(out.path("discover").isNull()).isTrue();
        assertThat(out.path("serverInfo").path("name").asString()).isEqualTo("sample-mcp-server");
        assertThat(out.path("tools").valueStream().map(JsonNode::asString)).containsExactlyElementsOf(SAMPLE_TOOLS);
        JsonNode converted = result(out, 0);
        assertThat(converted.path("structuredContent").path("value").asDouble()).isEqualTo(212.0);
        assertThat(converted.path("structuredContent").path("unit").asString()).isEqualTo("FAHRENHEIT");

        assertThat(postedMethods(out)).startsWith("initialize", "notifications/initialized")
            .doesNotContain("server/discover");
        // no 2026 vocabulary at all on a legacy connection
        assertThat(out.path("http").valueStream()).allSatisfy(entry -> {
            assertThat(entry.path("headers").has("mcp-method")).isFalse();
            assertThat(entry.path("body").path("params").path("_meta")
                .has("io.modelcontextprotocol/protocolVersion")).isFalse();
        });
        assertThat(call(out, 0).path("legs").get(0).path("headers").path("mcp-session-id").asString())
            .isEqualTo(out.path("sessionId").asString());
    }

    @Test
    void samplingRootsAndElicitationAreServerRequestsAnsweredByTheSameHandlers() throws Exception {
        String batch = UUID.randomUUID().toString();
        Task done = board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());
        Files.writeString(workspace.resolve("notes.md"), "# notes");
        String roots = JsonMapper.shared().writeValueAsString(
                List.of(Map.of("uri", workspace.toUri().toString(), "name", "ws")));

        JsonNode out = run(
                List.of(call("summarize", Map.of("text", "Short text to summarise.")),
                        call("find_files", Map.of("pattern", "*.md")), call("clear_done_tasks", Map.of())),
                "--roots", roots, "--model-reply", "A summary.", "--elicit",
                "{\"action\":\"accept\",\"content\":{\"confirm\":true}}");

        assertThat(out.path("era").asString()).isEqualTo("legacy");
        assertThat(text(result(out, 0))).isEqualTo("A summary.");
        assertThat(result(out, 1).path("structuredContent").path("roots").get(0).path("matches").get(0).asString())
            .isEqualTo("notes.md");
        assertThat(result(out, 2).path("structuredContent").path("outcome").asString()).isEqualTo("DELETED");
        assertThat(tasksOf(batch)).extracting(Task::id).doesNotContain(done.id());
        // one POST per call: the server asked over the session, not with input_required results
        for (int i = 0; i < 3; i++) {
            assertThat(call(out, i).path("posts").asInt()).isEqualTo(1);
            assertThat(call(out, i).path("legs").get(0).path("reply").path("result").has("resultType")).isFalse();
        }
        assertThat(out.path("seen").path("sampling").size()).isEqualTo(1);
        assertThat(out.path("seen").path("rootsListed").asInt()).isEqualTo(1);
        assertThat(out.path("seen").path("elicitation").size()).isEqualTo(1);
        assertThat(call(out, 0).path("legs").get(0).path("serverMessages").valueStream().map(JsonNode::asString))
            .contains("sampling/createMessage");
    }

    @Test
    void aRefusedSamplingRequestReachesTheServerAsAnError() throws Exception {
        JsonNode out = run(List.of(call("summarize", Map.of("text", "Some text."))), "--sampling-error",
                "User rejected sampling");

        JsonNode summary = result(out, 0);
        assertThat(summary.path("isError").asBoolean()).isTrue();
        assertThat(text(summary)).contains("The client refused the summary request").contains("User rejected sampling");
    }

    private JsonNode run(List<Map<String, Object>> calls, String... options) throws Exception {
        return TypeScriptV2Clients.run("http://127.0.0.1:" + port + "/mcp", "legacy", calls, options);
    }

    private List<Task> tasksOf(String batch) {
        return board.list(Optional.empty(), true).stream().filter(task -> task.title().startsWith(batch)).toList();
    }
}
