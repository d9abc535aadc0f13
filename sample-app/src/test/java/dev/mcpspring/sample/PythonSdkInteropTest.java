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

import static dev.mcpspring.sample.PythonClients.legs;
import static dev.mcpspring.sample.TypeScriptV2Clients.ENVELOPE_KEYS;
import static dev.mcpspring.sample.TypeScriptV2Clients.LEGACY;
import static dev.mcpspring.sample.TypeScriptV2Clients.MODERN;
import static dev.mcpspring.sample.TypeScriptV2Clients.SAMPLE_TOOLS;
import static dev.mcpspring.sample.TypeScriptV2Clients.call;
import static dev.mcpspring.sample.TypeScriptV2Clients.result;
import static dev.mcpspring.sample.TypeScriptV2Clients.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python MCP SDK's client (the {@code mcp} package 2.3.0, through {@code interop/py-client/run.sh}) against the
 * sample over HTTP, in its three ways of connecting: {@code auto} (probes with {@code server/discover} and must pick
 * 2026-07-28), {@code legacy} (the 2025 {@code initialize} handshake and a session) and pinned to 2026-07-28. The
 * sample's tools that call back into the client (sampling, roots, elicitation) must complete through the SDK's
 * callbacks in both eras: as {@code input_required} rounds on 2026-07-28, as server-to-client requests in a 2025
 * session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PythonSdkInteropTest {

    private static final Map<String, Object> BOILING = Map.of("from", Map.of("value", 100, "unit", "CELSIUS"), "to",
            "FAHRENHEIT");

    private static final String CONFIRM = "{\"action\":\"accept\",\"content\":{\"confirm\":true}}";

    @LocalServerPort
    int port;

    @Autowired
    TaskBoard board;

    @TempDir
    Path workspace;

    @Test
    void autoModePicks20260728AndRunsThePeerToolsThroughInputRequiredRounds() throws Exception {
        Task done = doneTaskAndNotes();

        JsonNode out = runPeerTools("auto");

        assertThat(out.path("protocolVersion").asString()).isEqualTo(MODERN);
        assertThat(out.path("serverInfo").path("name").asString()).isEqualTo("sample-mcp-server");
        JsonNode probe = out.path("http").get(0);
        assertThat(probe.path("body").path("method").asString()).isEqualTo("server/discover");
        assertThat(probe.path("status").asInt()).isEqualTo(200);
        assertStatelessWire(out);
        assertPeerToolResults(out, done);

        assertThat(legs(out, 0)).as("a plain tool answers at once").hasSize(1);
        assertInputRequiredRound(legs(out, 1), "summarize");
        assertInputRequiredRound(legs(out, 2), "find_files");
        assertInputRequiredRound(legs(out, 3), "clear_done_tasks");
        JsonNode sampled = legs(out, 1).get(1).path("params").path("inputResponses").valueStream().findFirst()
            .orElseThrow();
        assertThat(sampled.path("model").asString()).isEqualTo("canned-model");
        assertThat(sampled.path("content").path("text").asString()).isEqualTo("A summary.");
    }

    @Test
    void legacyModeGetsASessionAndTheSameToolsAskTheClientDirectly() throws Exception {
        Task done = doneTaskAndNotes();

        JsonNode out = runPeerTools("legacy");

        assertThat(out.path("protocolVersion").asString()).isEqualTo(LEGACY);
        List<JsonNode> posts = posts(out);
        assertThat(posts.get(0).path("body").path("method").asString()).isEqualTo("initialize");
        assertThat(posts.subList(1, posts.size())).allSatisfy(post -> assertThat(
                post.path("headers").path("mcp-session-id").asString()).as("%s", post).isNotEmpty());
        assertThat(posts).noneSatisfy(post -> assertThat(post.path("body").path("method").asString())
            .isEqualTo("server/discover"));
        assertPeerToolResults(out, done);
        for (int call = 0; call < 4; call++) {
            assertThat(legs(out, call)).as("call %d is one request", call).hasSize(1);
        }
    }

    @Test
    void aRefusedSamplingRequestReachesTheToolInASessionAndFailsTheCallInTheClientOn20260728() throws Exception {
        List<Map<String, Object>> calls = List.of(call("summarize", Map.of("text", "Some text.")));
        String[] refusing = { "--sampling-error", "User rejected sampling" };

        JsonNode legacy = PythonClients.run(url(), "legacy", calls, refusing).succeeded("py-client");
        JsonNode modern = PythonClients.run(url(), MODERN, calls, refusing).succeeded("py-client");

        // 2025: the error is the answer to the server's request, and the tool turns it into its own explanation
        assertThat(result(legacy, 0).path("isError").asBoolean()).isTrue();
        assertThat(text(result(legacy, 0))).contains("The client refused the summary request (User rejected sampling)");
        // 2026-07-28: inputResponses cannot carry an error, so the SDK fails the call without retrying it
        assertThat(call(modern, 0).path("error").path("message").asString()).contains("User rejected sampling");
        assertThat(legs(modern, 0)).hasSize(1);
    }

    @Test
    void toolsExplainWhatTheClientCannotDoWithoutAskingIt() throws Exception {
        JsonNode out = PythonClients.run(url(), MODERN,
                List.of(call("summarize", Map.of("text", "Some text.")),
                        call("find_files", Map.of("pattern", "*.md"))),
                "--capabilities", "elicitation")
            .succeeded("py-client");

        assertThat(text(result(out, 0))).contains("no sampling capability");
        assertThat(text(result(out, 1))).contains("does not share workspace roots");
        assertThat(legs(out, 0)).hasSize(1);
        assertThat(legs(out, 1)).hasSize(1);
        assertThat(out.path("seen").path("sampling").size()).isZero();
        assertThat(out.path("seen").path("rootsListed").asInt()).isZero();
    }

    @Test
    void progressAndLogMessagesOf20260728ComeOnTheRequestsOwnStreamWhenAskedForAndOnceAcrossRounds() throws Exception {
        String batch = UUID.randomUUID().toString();
        List<Map<String, Object>> calls = List.of(
                call("import_tasks", Map.of("titles", List.of(batch + " a", batch + " b"))),
                call("summarize", Map.of("text", "Some text to shorten.")));

        JsonNode chatty = PythonClients.run(url(), MODERN, calls, "--progress", "--log-level", "info")
            .succeeded("py-client");
        JsonNode silent = PythonClients.run(url(), MODERN, calls).succeeded("py-client");

        assertThat(result(chatty, 0).path("structuredContent").path("imported").size()).isEqualTo(2);
        assertThat(call(chatty, 0).path("progress").valueStream().map(p -> p.path("progress").asDouble()))
            .containsExactly(0.0, 1.0, 2.0);
        assertThat(call(chatty, 0).path("progress").valueStream()).allSatisfy(
                p -> assertThat(p.path("total").asDouble()).isEqualTo(2.0));
        // summarize ran twice (its sampling took an input_required round) and told the client once: the second
        // run found the note it left in the request's state
        assertThat(legs(chatty, 1)).hasSize(2);
        assertThat(chatty.path("logs").valueStream().filter(log -> log.path("logger").asString().equals("summarize")))
            .singleElement()
            .satisfies(log -> assertThat(log.path("level").asString()).isEqualTo("info"));
        assertThat(silent.path("logs").size()).as("no io.modelcontextprotocol/logLevel, no notifications/message")
            .isZero();
        assertThat(board.list(Optional.empty(), true).stream().filter(task -> task.title().startsWith(batch)))
            .hasSize(4);
    }

    // ---------------------------------------------------------------- helpers

    /** A completed task on the board and a file in the workspace, for the tools that ask the client. */
    private Task doneTaskAndNotes() throws Exception {
        Files.writeString(workspace.resolve("notes.md"), "# notes");
        return board.complete(board.add(UUID.randomUUID() + " archive the logs", Priority.NORMAL, null).id());
    }

    /** Converts a temperature, then summarises, finds files and clears the done tasks, which ask the client. */
    private JsonNode runPeerTools(String mode) throws Exception {
        String roots = JsonMapper.shared().writeValueAsString(
                List.of(Map.of("uri", workspace.toUri().toString(), "name", "ws")));
        return PythonClients.run(url(), mode,
                List.of(call("convert_temperature", BOILING),
                        call("summarize", Map.of("text", "A short text to summarise.")),
                        call("find_files", Map.of("pattern", "*.md")),
                        call("clear_done_tasks", Map.of())),
                "--roots", roots, "--model-reply", "A summary.", "--elicit", CONFIRM)
            .succeeded("py-client");
    }

    private void assertPeerToolResults(JsonNode out, Task done) {
        assertThat(out.path("tools").valueStream().map(JsonNode::asString)).containsExactlyElementsOf(SAMPLE_TOOLS);
        assertThat(result(out, 0).path("structuredContent").path("value").asDouble()).isEqualTo(212.0);
        assertThat(text(result(out, 1))).isEqualTo("A summary.");
        assertThat(result(out, 2).path("structuredContent").path("roots").get(0).path("matches").get(0).asString())
            .isEqualTo("notes.md");
        assertThat(result(out, 3).path("structuredContent").path("outcome").asString()).isEqualTo("DELETED");
        assertThat(board.list(Optional.empty(), true)).extracting(Task::id).doesNotContain(done.id());
        // each callback ran once, whichever way the server asked
        assertThat(out.path("seen").path("sampling").size()).isEqualTo(1);
        assertThat(out.path("seen").path("sampling").get(0).path("systemPrompt").asString())
            .contains("concise summaries");
        assertThat(out.path("seen").path("rootsListed").asInt()).isEqualTo(1);
        assertThat(out.path("seen").path("elicitation").get(0).path("message").asString())
            .contains("completed task(s)");
    }

    /**
     * Two requests for one call: the first without answers, the retry with an answer under one key and the sealed
     * {@code requestState}, both naming the tool in {@code Mcp-Name}.
     */
    private static void assertInputRequiredRound(List<JsonNode> legs, String tool) {
        assertThat(legs).as("%s: the call and its retry", tool).hasSize(2);
        JsonNode first = legs.get(0).path("params");
        JsonNode retry = legs.get(1).path("params");
        assertThat(first.has("inputResponses")).isFalse();
        assertThat(first.has("requestState")).isFalse();
        assertThat(retry.path("inputResponses").size()).as("%s", retry).isEqualTo(1);
        assertThat(retry.path("requestState").asString()).isNotEmpty();
        assertThat(retry.path("arguments")).isEqualTo(first.path("arguments"));
        assertThat(legs).allSatisfy(leg -> assertThat(leg.path("headers").path("mcp-name").asString()).isEqualTo(tool));
    }

    /** No session, no initialize, and every request carries the revision's headers and _meta envelope. */
    private static void assertStatelessWire(JsonNode out) {
        assertThat(posts(out)).isNotEmpty().allSatisfy(post -> {
            JsonNode body = post.path("body");
            assertThat(body.path("method").asString()).isNotEqualTo("initialize");
            assertThat(post.path("headers").has("mcp-session-id")).as("no session: %s", post).isFalse();
            assertThat(post.path("status").asInt()).as("%s answered", body.path("method")).isEqualTo(200);
            assertThat(post.path("headers").path("mcp-protocol-version").asString()).isEqualTo(MODERN);
            assertThat(post.path("headers").path("mcp-method").asString()).isEqualTo(body.path("method").asString());
            assertThat(body.path("params").path("_meta").propertyNames()).containsAll(ENVELOPE_KEYS);
        });
    }

    private static List<JsonNode> posts(JsonNode out) {
        return out.path("http").valueStream().filter(entry -> entry.path("method").asString().equals("POST"))
            .toList();
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }
}
