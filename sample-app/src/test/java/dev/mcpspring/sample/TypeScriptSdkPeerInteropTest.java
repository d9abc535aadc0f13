package dev.mcpspring.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official TypeScript SDK client ({@code interop/ts-client/peer-client.mjs} through
 * {@code scripts/ts-peer-client.sh}) declares sampling, roots and elicitation, answers the server's requests with
 * canned values, and drives the sample tools that call back into it through full round trips over real HTTP:
 * sampling, roots, progress, cancellation, elicitation and log messages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TypeScriptSdkPeerInteropTest {

    @LocalServerPort
    int port;

    @Autowired
    TaskBoard board;

    @TempDir
    Path workspace;

    // ---------------------------------------------------------------- sampling

    @Test
    void summarizeAsksTheClientsModelAndReturnsItsAnswer() throws Exception {
        String text = "The release moved to Friday because the database migration needs another review.";

        JsonNode out = call("summarize", Map.of("text", text, "maxWords", 12), "--model-reply",
                "Release moved to Friday for a migration review.");

        assertThat(out.path("protocolVersion").asString()).isEqualTo("2025-11-25");
        JsonNode result = out.path("callResult");
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("content").get(0).path("text").asString())
            .isEqualTo("Release moved to Friday for a migration review.");
        JsonNode sampling = out.path("seen").path("sampling");
        assertThat(sampling.size()).isEqualTo(1);
        JsonNode request = sampling.get(0);
        assertThat(request.path("systemPrompt").asString()).contains("concise summaries");
        assertThat(request.path("maxTokens").asInt()).isEqualTo(24);
        assertThat(request.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(request.path("modelPreferences").path("hints").valueStream()
            .map(hint -> hint.path("name").asString())).containsExactly("claude-haiku", "mini");
        JsonNode message = request.path("messages").get(0);
        assertThat(message.path("role").asString()).isEqualTo("user");
        assertThat(message.path("content").path("type").asString()).isEqualTo("text");
        assertThat(message.path("content").path("text").asString()).contains("at most 12 words").endsWith(text);
        assertThat(out.path("logs").valueStream())
            .anySatisfy(log -> {
                assertThat(log.path("level").asString()).isEqualTo("info");
                assertThat(log.path("logger").asString()).isEqualTo("summarize");
                assertThat(log.path("data").asString()).contains(text.length() + " characters");
            });
    }

    @Test
    void summarizeExplainsWhenTheClientCannotSample() throws Exception {
        JsonNode out = call("summarize", Map.of("text", "Some text."), "--capabilities", "roots,elicitation");

        assertThat(out.path("callResult").path("isError").asBoolean()).isTrue();
        assertThat(out.path("callResult").path("content").get(0).path("text").asString())
            .contains("no sampling capability");
        assertThat(out.path("seen").path("sampling").size()).isZero();
    }

    @Test
    void summarizeExplainsWhenTheUserRejectsTheSamplingRequest() throws Exception {
        JsonNode out = call("summarize", Map.of("text", "Some text."), "--sampling-error", "User rejected sampling");

        assertThat(out.path("callResult").path("isError").asBoolean()).isTrue();
        assertThat(out.path("callResult").path("content").get(0).path("text").asString())
            .contains("The client refused the summary request")
            .contains("User rejected sampling");
    }

    // ---------------------------------------------------------------- roots

    @Test
    void findFilesSearchesTheRootsTheClientDeclared() throws Exception {
        Files.createDirectories(workspace.resolve("src/main/java"));
        Files.writeString(workspace.resolve("src/main/java/App.java"), "class App {}");
        Files.writeString(workspace.resolve("src/main/java/AppTest.java"), "class AppTest {}");
        Files.writeString(workspace.resolve("pom.xml"), "<project/>");
        Files.createDirectories(workspace.resolve("target/classes"));
        Files.writeString(workspace.resolve("target/classes/Generated.java"), "build output is skipped");
        String projectUri = workspace.toUri().toString();
        String missingUri = workspace.resolve("gone").toUri().toString();
        String roots = JsonMapper.shared().writeValueAsString(List.of(Map.of("uri", projectUri, "name", "app"),
                Map.of("uri", "git://example.com/app.git"), Map.of("uri", missingUri, "name", "gone")));

        JsonNode out = call("find_files", Map.of("pattern", "*.java"), "--roots", roots);

        assertThat(out.path("seen").path("rootsListed").asInt()).isEqualTo(1);
        JsonNode search = out.path("callResult").path("structuredContent");
        assertThat(search.path("truncated").asBoolean()).isFalse();
        JsonNode found = search.path("roots");
        assertThat(found.valueStream().map(root -> root.path("uri").asString())).containsExactly(projectUri,
                "git://example.com/app.git", missingUri);
        assertThat(found.valueStream().map(root -> root.path("status").asString())).containsExactly("SEARCHED",
                "NOT_A_FILE_URI", "NOT_FOUND");
        assertThat(found.get(0).path("name").asString()).isEqualTo("app");
        assertThat(found.get(1).has("name")).isFalse();
        assertThat(found.get(0).path("matches").valueStream().map(JsonNode::asString))
            .containsExactly("src/main/java/App.java", "src/main/java/AppTest.java");
        assertThat(out.path("logs").valueStream()
            .filter(log -> log.path("level").asString().equals("warning"))
            .map(log -> log.path("data").asString()))
            .anySatisfy(data -> assertThat(data).contains("git://example.com/app.git"))
            .anySatisfy(data -> assertThat(data).contains(missingUri));
    }

    // ---------------------------------------------------------------- progress and cancellation

    @Test
    void importTasksReportsIncreasingProgress() throws Exception {
        String batch = UUID.randomUUID().toString();

        JsonNode out = call("import_tasks", Map.of("titles", List.of(batch + " a", batch + " b", batch + " c")),
                "--progress");

        JsonNode result = out.path("callResult").path("structuredContent");
        assertThat(result.path("requested").asInt()).isEqualTo(3);
        assertThat(result.path("imported").size()).isEqualTo(3);
        assertThat(tasksOf(batch)).extracting(Task::title).containsExactly(batch + " a", batch + " b", batch + " c");
        List<JsonNode> progress = out.path("progress").valueStream().toList();
        assertThat(progress).extracting(p -> p.path("progress").asDouble()).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(progress).allSatisfy(p -> assertThat(p.path("total").asDouble()).isEqualTo(3.0));
        assertThat(progress.get(3).path("message").asString()).isEqualTo("Imported 3 of 3");
    }

    @Test
    void cancellingImportTasksStopsTheImport() throws Exception {
        String batch = UUID.randomUUID().toString();
        List<String> titles = IntStream.rangeClosed(1, 20).mapToObj(i -> batch + " " + i).toList();

        // cancel after "started" and two "imported" notifications, then wait 1 s (five pauses of the import) with
        // the session open: an import that ignored the cancellation would go on adding tasks meanwhile
        JsonNode out = call("import_tasks", Map.of("titles", titles), "--cancel-after", "3", "--linger", "1000");

        assertThat(out.path("cancelled").asBoolean()).isTrue();
        assertThat(out.path("callResult").isNull()).isTrue();
        assertThat(out.path("callError").asString()).contains("cancelled by the interop client");
        assertThat(out.path("pingAfterCall").asBoolean()).as("the session still answers").isTrue();
        assertThat(out.path("progress").size()).isEqualTo(3);
        // two were imported when the client cancelled; a third may have been under way
        assertThat(tasksOf(batch)).hasSizeBetween(2, 3);
    }

    // ---------------------------------------------------------------- elicitation

    @Test
    void clearDoneTasksKeepsEverythingWhenTheUserDeclines() throws Exception {
        String batch = UUID.randomUUID().toString();
        Task done = board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());

        JsonNode out = call("clear_done_tasks", Map.of(), "--elicit", "{\"action\":\"decline\"}");

        assertThat(out.path("callResult").path("structuredContent").path("outcome").asString()).isEqualTo("DECLINED");
        assertThat(tasksOf(batch)).extracting(Task::id).containsExactly(done.id());
        JsonNode question = out.path("seen").path("elicitation").get(0);
        assertThat(question.path("message").asString()).contains(done.title());
        assertThat(question.path("requestedSchema").path("properties").path("confirm").path("type").asString())
            .isEqualTo("boolean");
        assertThat(question.path("requestedSchema").path("required").get(0).asString()).isEqualTo("confirm");
    }

    @Test
    void clearDoneTasksDeletesTheCompletedTasksWhenTheUserConfirms() throws Exception {
        String batch = UUID.randomUUID().toString();
        Task first = board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());
        Task second = board.complete(board.add(batch + " rotate the keys", Priority.HIGH, null).id());
        Task open = board.add(batch + " renew the certificate", Priority.HIGH, null);

        JsonNode out = call("clear_done_tasks", Map.of(), "--elicit",
                "{\"action\":\"accept\",\"content\":{\"confirm\":true}}");

        JsonNode cleanup = out.path("callResult").path("structuredContent");
        assertThat(cleanup.path("outcome").asString()).isEqualTo("DELETED");
        assertThat(cleanup.path("deleted").valueStream().map(task -> task.path("id").asInt()))
            .contains(first.id(), second.id())
            .doesNotContain(open.id());
        assertThat(tasksOf(batch)).extracting(Task::id).containsExactly(open.id());
        assertThat(out.path("seen").path("elicitation").get(0).path("message").asString())
            .contains(first.title(), second.title());
        assertThat(out.path("logs").valueStream().map(log -> log.path("data").asString()))
            .anySatisfy(data -> assertThat(data).startsWith("Deleted "));
    }

    @Test
    void cancellingClearDoneTasksWhileTheUserIsAskedCancelsTheQuestionAndDeletesNothing() throws Exception {
        String batch = UUID.randomUUID().toString();
        Task done = board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());

        // the client cancels the tool call while its user is being asked; the server must then withdraw the
        // question (notifications/cancelled for elicitation/create), and the late "yes" must change nothing
        JsonNode out = call("clear_done_tasks", Map.of(), "--cancel-when-asked", "--elicit",
                "{\"action\":\"accept\",\"content\":{\"confirm\":true}}", "--linger", "300");

        assertThat(out.path("cancelled").asBoolean()).isTrue();
        assertThat(out.path("seen").path("elicitation").size()).isEqualTo(1);
        assertThat(out.path("seen").path("serverCancelled").valueStream().map(JsonNode::asString))
            .containsExactly("elicitation/create");
        assertThat(out.path("pingAfterCall").asBoolean()).isTrue();
        assertThat(tasksOf(batch)).extracting(Task::id).containsExactly(done.id());
    }

    @Test
    void clearDoneTasksRefusesWithoutElicitation() throws Exception {
        String batch = UUID.randomUUID().toString();
        board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());

        JsonNode out = call("clear_done_tasks", Map.of(), "--capabilities", "sampling,roots");

        assertThat(out.path("callResult").path("isError").asBoolean()).isTrue();
        assertThat(out.path("callResult").path("content").get(0).path("text").asString())
            .contains("does not support elicitation");
        assertThat(tasksOf(batch)).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode call(String tool, Map<String, Object> arguments, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("http://127.0.0.1:" + port + "/mcp", tool,
                JsonMapper.shared().writeValueAsString(arguments)));
        command.addAll(List.of(options));
        return TypeScriptClients.run("ts-peer-client.sh", command);
    }

    private List<Task> tasksOf(String batch) {
        return board.list(Optional.empty(), true).stream().filter(task -> task.title().startsWith(batch)).toList();
    }
}
