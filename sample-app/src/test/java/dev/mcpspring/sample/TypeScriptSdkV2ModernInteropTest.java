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

import static dev.mcpspring.sample.TypeScriptV2Clients.ENVELOPE_KEYS;
import static dev.mcpspring.sample.TypeScriptV2Clients.MODERN;
import static dev.mcpspring.sample.TypeScriptV2Clients.SAMPLE_TOOLS;
import static dev.mcpspring.sample.TypeScriptV2Clients.assertInputRequiredRounds;
import static dev.mcpspring.sample.TypeScriptV2Clients.call;
import static dev.mcpspring.sample.TypeScriptV2Clients.inputResponseFor;
import static dev.mcpspring.sample.TypeScriptV2Clients.postedMethods;
import static dev.mcpspring.sample.TypeScriptV2Clients.result;
import static dev.mcpspring.sample.TypeScriptV2Clients.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript SDK v2 client ({@code @modelcontextprotocol/client} 2.4.0, through
 * {@code interop/ts-client-v2/run.sh}) on the 2026-07-28 revision: pinned to it ({@code versionNegotiation: {pin:
 * '2026-07-28'}}, no fallback) and in {@code auto} mode, where it probes with {@code server/discover} and must pick
 * it. Requests are stateless (no {@code initialize}, no session, the {@code _meta} envelope and the
 * {@code Mcp-Method} / {@code Mcp-Name} headers on every request), and the sample tools that call back into the
 * client (sampling, roots, elicitation) answer {@code tools/call} with an {@code input_required} result that the
 * SDK fulfils through the same handlers a 2025 client registers, then retries with {@code inputResponses} and the
 * {@code requestState} echo.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TypeScriptSdkV2ModernInteropTest {

    static final Map<String, Object> BOILING = Map.of("from", Map.of("value", 100, "unit", "CELSIUS"), "to",
            "FAHRENHEIT");

    @LocalServerPort
    int port;

    @Autowired
    TaskBoard board;

    @TempDir
    Path workspace;

    // ---------------------------------------------------------------- negotiation and the stateless wire

    @Test
    void aClientPinnedTo20260728WorksWithoutInitializeOrSession() throws Exception {
        JsonNode out = run("pin", List.of(call("convert_temperature", BOILING)));

        assertThat(out.path("era").asString()).isEqualTo("modern");
        assertThat(out.path("protocolVersion").asString()).isEqualTo(MODERN);
        assertThat(out.path("transportProtocolVersion").asString()).isEqualTo(MODERN);
        assertThat(out.path("sessionId").isNull()).as("no Mcp-Session-Id on 2026-07-28").isTrue();
        assertThat(out.path("discover").path("supportedVersions").valueStream().map(JsonNode::asString))
            .contains(MODERN);
        assertThat(out.path("discover").path("resultType").asString()).isEqualTo("complete");
        assertThat(out.path("serverInfo").path("name").asString()).isEqualTo("sample-mcp-server");
        assertThat(out.path("serverCapabilities").has("tools")).isTrue();
        assertThat(out.path("tools").valueStream().map(JsonNode::asString)).containsExactlyElementsOf(SAMPLE_TOOLS);

        JsonNode converted = result(out, 0);
        assertThat(converted.path("isError").asBoolean()).isFalse();
        assertThat(converted.path("structuredContent").path("value").asDouble()).isEqualTo(212.0);
        assertThat(converted.path("structuredContent").path("unit").asString()).isEqualTo("FAHRENHEIT");
        assertThat(call(out, 0).path("posts").asInt()).isEqualTo(1);
        assertThat(call(out, 0).path("legs").get(0).path("reply").path("result").path("resultType").asString())
            .isEqualTo("complete");

        assertThat(postedMethods(out)).startsWith("server/discover").doesNotContain("initialize",
                "notifications/initialized");
        // cacheable results carry the caching hints (the SDK rejects a tools/list result without them)
        JsonNode listed = out.path("http").valueStream()
            .filter(entry -> entry.path("body").path("method").asString("").equals("tools/list"))
            .findFirst()
            .orElseThrow()
            .path("replies").get(0).path("result");
        assertThat(listed.path("ttlMs").isIntegralNumber()).as("ttlMs in %s", listed).isTrue();
        assertThat(listed.path("ttlMs").asLong()).isNotNegative();
        assertThat(listed.path("cacheScope").asString()).isIn("public", "private");
        assertStatelessWire(out);
        JsonNode callHeaders = call(out, 0).path("legs").get(0).path("headers");
        assertThat(callHeaders.path("mcp-name").asString()).isEqualTo("convert_temperature");
    }

    @Test
    void autoModeProbesWithServerDiscoverAndPicks20260728() throws Exception {
        JsonNode out = run("auto", List.of(call("convert_temperature", BOILING)));

        assertThat(out.path("era").asString()).isEqualTo("modern");
        assertThat(out.path("protocolVersion").asString()).isEqualTo(MODERN);
        JsonNode probe = out.path("http").get(0);
        assertThat(probe.path("body").path("method").asString()).isEqualTo("server/discover");
        assertThat(probe.path("status").asInt()).isEqualTo(200);
        assertThat(probe.path("headers").path("mcp-protocol-version").asString()).isEqualTo(MODERN);
        assertThat(probe.path("headers").path("mcp-method").asString()).isEqualTo("server/discover");
        JsonNode discovered = probe.path("replies").get(0).path("result");
        // (a dual-era server may list its 2025 revisions too)
        assertThat(discovered.path("supportedVersions").valueStream().map(JsonNode::asString)).contains(MODERN);
        assertThat(discovered.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asString())
            .isEqualTo("sample-mcp-server");
        assertThat(postedMethods(out)).doesNotContain("initialize");
        assertThat(result(out, 0).path("structuredContent").path("value").asDouble()).isEqualTo(212.0);
        assertStatelessWire(out);
    }

    @Test
    void autoModeRunsEveryPeerToolThroughInputRequiredRoundsInOneRun() throws Exception {
        String batch = UUID.randomUUID().toString();
        Task done = board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());
        Files.writeString(workspace.resolve("notes.md"), "# notes");
        String roots = JsonMapper.shared().writeValueAsString(
                List.of(Map.of("uri", workspace.toUri().toString(), "name", "ws")));

        JsonNode out = run("auto",
                List.of(call("convert_temperature", BOILING), call("summarize", Map.of("text", "Short text.")),
                        call("find_files", Map.of("pattern", "*.md")), call("clear_done_tasks", Map.of())),
                "--roots", roots, "--model-reply", "A summary.", "--elicit",
                "{\"action\":\"accept\",\"content\":{\"confirm\":true}}");

        assertThat(out.path("era").asString()).isEqualTo("modern");
        assertThat(result(out, 0).path("structuredContent").path("value").asDouble()).isEqualTo(212.0);
        assertThat(text(result(out, 1))).isEqualTo("A summary.");
        assertInputRequiredRounds(call(out, 1), "sampling/createMessage");
        assertThat(result(out, 2).path("structuredContent").path("roots").get(0).path("matches").get(0).asString())
            .isEqualTo("notes.md");
        assertInputRequiredRounds(call(out, 2), "roots/list");
        assertThat(result(out, 3).path("structuredContent").path("outcome").asString()).isEqualTo("DELETED");
        assertInputRequiredRounds(call(out, 3), "elicitation/create");
        assertThat(tasksOf(batch)).extracting(Task::id).doesNotContain(done.id());
        assertStatelessWire(out);
    }

    // ---------------------------------------------------------------- sampling

    @Test
    void summarizeGetsTheClientsModelThroughAnInputRequiredRound() throws Exception {
        String text = "The release moved to Friday because the database migration needs another review.";

        JsonNode out = run("pin", List.of(call("summarize", Map.of("text", text, "maxWords", 12))), "--model-reply",
                "Release moved to Friday for a migration review.");

        JsonNode summary = result(out, 0);
        assertThat(summary.path("isError").asBoolean()).isFalse();
        assertThat(text(summary)).isEqualTo("Release moved to Friday for a migration review.");
        List<JsonNode> legs = assertInputRequiredRounds(call(out, 0), "sampling/createMessage");
        // the handler saw the embedded request's params, as a 2025 client sees sampling/createMessage
        assertThat(out.path("seen").path("sampling").size()).isEqualTo(1);
        JsonNode request = out.path("seen").path("sampling").get(0);
        assertThat(request.path("systemPrompt").asString()).contains("concise summaries");
        assertThat(request.path("maxTokens").asInt()).isEqualTo(24);
        assertThat(request.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(request.path("modelPreferences").path("hints").valueStream()
            .map(hint -> hint.path("name").asString())).containsExactly("claude-haiku", "mini");
        assertThat(request.path("messages").get(0).path("content").path("text").asString())
            .contains("at most 12 words")
            .endsWith(text);
        // and the client sent the bare CreateMessageResult back under the server's key
        JsonNode answer = inputResponseFor(legs, "sampling/createMessage");
        assertThat(answer.path("role").asString()).isEqualTo("assistant");
        assertThat(answer.path("model").asString()).isEqualTo("canned-model");
        assertThat(answer.path("content").path("text").asString())
            .isEqualTo("Release moved to Friday for a migration review.");
    }

    @Test
    void summarizeExplainsWhenTheClientCannotSampleWithoutAskingIt() throws Exception {
        JsonNode out = run("pin", List.of(call("summarize", Map.of("text", "Some text."))), "--capabilities",
                "roots,elicitation");

        JsonNode summary = result(out, 0);
        assertThat(summary.path("isError").asBoolean()).isTrue();
        assertThat(text(summary)).contains("no sampling capability");
        // a server MUST NOT put a request in inputRequests that the client did not declare
        assertThat(call(out, 0).path("posts").asInt()).isEqualTo(1);
        assertThat(out.path("seen").path("sampling").size()).isZero();
    }

    @Test
    void aRefusedSamplingRequestFailsTheCallInTheClientAndNeverReachesTheServer() throws Exception {
        JsonNode out = run("pin", List.of(call("summarize", Map.of("text", "Some text."))), "--sampling-error",
                "User rejected sampling");

        // the SDK has no way to put an error into inputResponses: a throwing handler fails callTool locally
        JsonNode summarize = call(out, 0);
        assertThat(summarize.path("result").isNull()).isTrue();
        assertThat(summarize.path("error").path("message").asString()).isEqualTo("User rejected sampling");
        assertThat(summarize.path("posts").asInt()).isEqualTo(1);
        assertThat(summarize.path("legs").get(0).path("reply").path("result").path("resultType").asString())
            .isEqualTo("input_required");
    }

    // ---------------------------------------------------------------- roots

    @Test
    void findFilesGetsTheRootsThroughAnInputRequiredRound() throws Exception {
        Files.createDirectories(workspace.resolve("src/main/java"));
        Files.writeString(workspace.resolve("src/main/java/App.java"), "class App {}");
        Files.writeString(workspace.resolve("pom.xml"), "<project/>");
        String projectUri = workspace.toUri().toString();
        String missingUri = workspace.resolve("gone").toUri().toString();
        String roots = JsonMapper.shared().writeValueAsString(List.of(Map.of("uri", projectUri, "name", "app"),
                Map.of("uri", "git://example.com/app.git"), Map.of("uri", missingUri, "name", "gone")));

        JsonNode out = run("pin", List.of(call("find_files", Map.of("pattern", "*.java"))), "--roots", roots,
                "--log-level", "info");

        List<JsonNode> legs = assertInputRequiredRounds(call(out, 0), "roots/list");
        assertThat(out.path("seen").path("rootsListed").asInt()).isEqualTo(1);
        assertThat(inputResponseFor(legs, "roots/list").path("roots").size()).isEqualTo(3);
        JsonNode search = result(out, 0).path("structuredContent");
        assertThat(search.path("roots").valueStream().map(root -> root.path("status").asString()))
            .containsExactly("SEARCHED", "NOT_A_FILE_URI", "NOT_FOUND");
        assertThat(search.path("roots").get(0).path("matches").valueStream().map(JsonNode::asString))
            .containsExactly("src/main/java/App.java");
        // the per-request log level (_meta io.modelcontextprotocol/logLevel) asked for the warnings
        assertThat(out.path("logs").valueStream()
            .filter(log -> log.path("level").asString().equals("warning"))
            .map(log -> log.path("data").asString()))
            .anySatisfy(data -> assertThat(data).contains("git://example.com/app.git"))
            .anySatisfy(data -> assertThat(data).contains(missingUri));
    }

    @Test
    void findFilesExplainsWhenTheClientHasNoRoots() throws Exception {
        JsonNode out = run("pin", List.of(call("find_files", Map.of("pattern", "*.md"))), "--capabilities",
                "sampling,elicitation");

        assertThat(result(out, 0).path("isError").asBoolean()).isTrue();
        assertThat(text(result(out, 0))).contains("does not share workspace roots");
        assertThat(call(out, 0).path("posts").asInt()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- elicitation

    @Test
    void clearDoneTasksKeepsEverythingWhenTheUserDeclines() throws Exception {
        String batch = UUID.randomUUID().toString();
        Task done = board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());

        JsonNode out = run("pin", List.of(call("clear_done_tasks", Map.of())), "--elicit", "{\"action\":\"decline\"}");

        assertThat(result(out, 0).path("structuredContent").path("outcome").asString()).isEqualTo("DECLINED");
        assertThat(tasksOf(batch)).extracting(Task::id).containsExactly(done.id());
        List<JsonNode> legs = assertInputRequiredRounds(call(out, 0), "elicitation/create");
        assertThat(inputResponseFor(legs, "elicitation/create").path("action").asString()).isEqualTo("decline");
        JsonNode question = out.path("seen").path("elicitation").get(0);
        assertThat(question.path("message").asString()).contains("completed task(s)");
        assertThat(question.path("requestedSchema").path("properties").path("confirm").path("type").asString())
            .isEqualTo("boolean");
    }

    @Test
    void clearDoneTasksDeletesTheCompletedTasksWhenTheUserConfirms() throws Exception {
        String batch = UUID.randomUUID().toString();
        Task first = board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());
        Task second = board.complete(board.add(batch + " rotate the keys", Priority.HIGH, null).id());
        Task open = board.add(batch + " renew the certificate", Priority.HIGH, null);

        JsonNode out = run("pin", List.of(call("clear_done_tasks", Map.of())), "--elicit",
                "{\"action\":\"accept\",\"content\":{\"confirm\":true}}");

        JsonNode cleanup = result(out, 0).path("structuredContent");
        assertThat(cleanup.path("outcome").asString()).isEqualTo("DELETED");
        assertThat(cleanup.path("deleted").valueStream().map(task -> task.path("id").asInt()))
            .contains(first.id(), second.id())
            .doesNotContain(open.id());
        assertThat(tasksOf(batch)).extracting(Task::id).containsExactly(open.id());
        List<JsonNode> legs = assertInputRequiredRounds(call(out, 0), "elicitation/create");
        assertThat(inputResponseFor(legs, "elicitation/create").path("content").path("confirm").asBoolean()).isTrue();
    }

    @Test
    void clearDoneTasksRefusesWithoutElicitation() throws Exception {
        String batch = UUID.randomUUID().toString();
        board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());

        JsonNode out = run("pin", List.of(call("clear_done_tasks", Map.of())), "--capabilities", "sampling,roots");

        assertThat(result(out, 0).path("isError").asBoolean()).isTrue();
        assertThat(text(result(out, 0))).contains("does not support elicitation");
        assertThat(call(out, 0).path("posts").asInt()).isEqualTo(1);
        assertThat(tasksOf(batch)).hasSize(1);
    }

    // ---------------------------------------------------------------- logging and progress

    @Test
    void logMessagesComeOnlyForRequestsThatAskForThem() throws Exception {
        List<Map<String, Object>> calls = List.of(call("summarize", Map.of("text", "Some text to shorten.")));

        JsonNode silent = run("pin", calls);
        JsonNode chatty = run("pin", calls, "--log-level", "info");

        assertThat(text(result(silent, 0))).isEqualTo("canned model reply");
        assertThat(silent.path("logs").size()).as("no io.modelcontextprotocol/logLevel, no notifications/message")
            .isZero();
        assertThat(chatty.path("logs").valueStream())
            .anySatisfy(log -> {
                assertThat(log.path("level").asString()).isEqualTo("info");
                assertThat(log.path("logger").asString()).isEqualTo("summarize");
            });
    }

    @Test
    void importTasksReportsProgressOnTheResponseStream() throws Exception {
        String batch = UUID.randomUUID().toString();

        JsonNode out = run("pin",
                List.of(call("import_tasks", Map.of("titles", List.of(batch + " a", batch + " b", batch + " c")))),
                "--progress");

        assertThat(result(out, 0).path("structuredContent").path("imported").size()).isEqualTo(3);
        List<JsonNode> progress = call(out, 0).path("progress").valueStream().toList();
        assertThat(progress).extracting(p -> p.path("progress").asDouble()).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(progress).allSatisfy(p -> assertThat(p.path("total").asDouble()).isEqualTo(3.0));
        assertThat(tasksOf(batch)).hasSize(3);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Every request the client POSTed carried the 2026-07-28 envelope in _meta and the standard headers, and the
     * server handed out no session.
     */
    private static void assertStatelessWire(JsonNode out) {
        List<JsonNode> posts = out.path("http").valueStream()
            .filter(entry -> entry.path("method").asString().equals("POST"))
            .toList();
        assertThat(posts).isNotEmpty().allSatisfy(post -> {
            JsonNode body = post.path("body");
            JsonNode headers = post.path("headers");
            assertThat(headers.has("mcp-session-id")).as("no session: %s", headers).isFalse();
            if (body.has("id")) {
                assertThat(headers.path("mcp-protocol-version").asString()).isEqualTo(MODERN);
                assertThat(headers.path("mcp-method").asString()).isEqualTo(body.path("method").asString());
                JsonNode meta = body.path("params").path("_meta");
                assertThat(meta.propertyNames()).containsAll(ENVELOPE_KEYS);
                assertThat(meta.path("io.modelcontextprotocol/protocolVersion").asString()).isEqualTo(MODERN);
                assertThat(post.path("status").asInt()).as("%s answered", body.path("method")).isEqualTo(200);
                JsonNode reply = post.path("replies").valueStream()
                    .filter(message -> message.path("id").equals(body.path("id")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no reply to " + body));
                assertThat(reply.path("result").has("resultType")).as("resultType in %s", reply).isTrue();
            }
        });
    }

    private JsonNode run(String mode, List<Map<String, Object>> calls, String... options) throws Exception {
        return TypeScriptV2Clients.run("http://127.0.0.1:" + port + "/mcp", mode, calls, options);
    }

    private List<Task> tasksOf(String batch) {
        return board.list(Optional.empty(), true).stream().filter(task -> task.title().startsWith(batch)).toList();
    }
}
