package dev.mcpspring.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.sample.tasks.Priority;
import dev.mcpspring.sample.tasks.Task;
import dev.mcpspring.sample.tasks.TaskBoard;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official MCP Java SDK client, declaring sampling, roots and elicitation with canned handlers, drives the
 * sample tools that call back into the client ({@code summarize}, {@code find_files}, {@code import_tasks},
 * {@code clear_done_tasks}) through full round trips over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JavaSdkPeerInteropTest {

    private static final String CANNED_SUMMARY = "Three tasks are open; the release is due on Friday.";

    @LocalServerPort
    int port;

    @Autowired
    TaskBoard board;

    @TempDir
    Path workspace;

    /** What the client's handlers and consumers saw. */
    final List<CreateMessageRequest> samplingRequests = Collections.synchronizedList(new ArrayList<>());

    final List<ElicitFormRequest> elicitations = Collections.synchronizedList(new ArrayList<>());

    final List<ProgressNotification> progress = Collections.synchronizedList(new ArrayList<>());

    final List<LoggingMessageNotification> logs = Collections.synchronizedList(new ArrayList<>());

    /** The user's answer to the next elicitation. */
    final AtomicReference<ElicitResult> userAnswer = new AtomicReference<>();

    Function<CreateMessageRequest, CreateMessageResult> model = request -> CreateMessageResult
        .builder(McpSchema.Role.ASSISTANT, CANNED_SUMMARY, "canned-model")
        .stopReason(CreateMessageResult.StopReason.END_TURN)
        .build();

    McpSyncClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    // ---------------------------------------------------------------- sampling

    @Test
    void summarizeAsksTheClientsModelAndReturnsItsAnswer() {
        connect(allCapabilities(), List.of());
        String text = "The board holds three open tasks. The release is planned for Friday. Nobody is on leave.";

        CallToolResult result = call("summarize", Map.of("text", text, "maxWords", 20));

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(result)).isEqualTo(CANNED_SUMMARY);
        assertThat(samplingRequests).hasSize(1);
        CreateMessageRequest request = samplingRequests.get(0);
        assertThat(request.systemPrompt()).contains("concise summaries");
        assertThat(request.maxTokens()).isEqualTo(40);
        assertThat(request.temperature()).isEqualTo(0.2);
        assertThat(request.modelPreferences().hints()).extracting(McpSchema.ModelHint::name)
            .containsExactly("claude-haiku", "mini");
        assertThat(request.modelPreferences().speedPriority()).isEqualTo(0.8);
        assertThat(request.messages()).hasSize(1);
        assertThat(request.messages().get(0).role()).isEqualTo(McpSchema.Role.USER);
        assertThat(((McpSchema.TextContent) request.messages().get(0).content()).text())
            .contains("at most 20 words")
            .endsWith(text);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs)
            .anySatisfy(log -> {
                assertThat(log.level()).isEqualTo(McpSchema.LoggingLevel.INFO);
                assertThat(log.logger()).isEqualTo("summarize");
                assertThat(log.data()).contains("summarise " + text.length() + " characters");
            }));
    }

    @Test
    void summarizeExplainsWhenTheClientCannotSample() {
        connect(ClientCapabilities.builder().roots(true).elicitation().build(), List.of());

        CallToolResult result = call("summarize", Map.of("text", "Some long text."));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("no sampling capability").contains("Summarise the text yourself");
        assertThat(samplingRequests).isEmpty();
    }

    @Test
    void summarizeExplainsWhenTheClientRefusesTheSamplingRequest() {
        model = request -> {
            throw McpError.builder(-1).message("User rejected sampling request").build();
        };
        connect(allCapabilities(), List.of());

        CallToolResult result = call("summarize", Map.of("text", "Some long text."));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("The client refused the summary request")
            .contains("User rejected sampling request");
    }

    // ---------------------------------------------------------------- roots

    @Test
    @SuppressWarnings("unchecked")
    void findFilesSearchesTheLocalRootsTheClientDeclared() throws Exception {
        Files.writeString(workspace.resolve("README.md"), "# readme");
        Files.createDirectories(workspace.resolve("docs/guide"));
        Files.writeString(workspace.resolve("docs/guide/install.md"), "install");
        Files.writeString(workspace.resolve("docs/notes.txt"), "not markdown");
        Files.createDirectories(workspace.resolve(".git"));
        Files.writeString(workspace.resolve(".git/HEAD.md"), "hidden directories are skipped");
        Files.createDirectories(workspace.resolve("node_modules/lib"));
        Files.writeString(workspace.resolve("node_modules/lib/README.md"), "build output is skipped");
        String projectUri = workspace.toUri().toString();
        String missingUri = workspace.resolve("no-such-directory").toUri().toString();
        connect(allCapabilities(), List.of(new McpSchema.Root(projectUri, "project"),
                new McpSchema.Root("https://example.com/repo.git", "remote"),
                new McpSchema.Root(missingUri, "gone")));

        CallToolResult result = call("find_files", Map.of("pattern", "*.md"));

        assertThat(result.isError()).as(text(result)).isNotEqualTo(Boolean.TRUE);
        Map<String, Object> search = (Map<String, Object>) result.structuredContent();
        assertThat(search).containsEntry("pattern", "*.md").containsEntry("truncated", false);
        // the Java SDK keeps its roots in a map, so it lists them in its own order
        Map<Object, Map<String, Object>> roots = ((List<Map<String, Object>>) search.get("roots")).stream()
            .collect(Collectors.toMap(root -> root.get("uri"), root -> root));
        assertThat(roots).containsOnlyKeys(projectUri, "https://example.com/repo.git", missingUri);
        assertThat(roots.get(projectUri)).containsEntry("name", "project").containsEntry("status", "SEARCHED");
        assertThat((List<String>) roots.get(projectUri).get("matches")).containsExactly("README.md",
                "docs/guide/install.md");
        assertThat(roots.get("https://example.com/repo.git")).containsEntry("name", "remote")
            .containsEntry("status", "NOT_A_FILE_URI")
            .containsEntry("matches", List.of());
        assertThat(roots.get(missingUri)).containsEntry("name", "gone")
            .containsEntry("status", "NOT_FOUND")
            .containsEntry("matches", List.of());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs)
            .filteredOn(log -> log.level() == McpSchema.LoggingLevel.WARNING)
            .extracting(LoggingMessageNotification::data)
            .anySatisfy(data -> assertThat(data).contains("https://example.com/repo.git"))
            .anySatisfy(data -> assertThat(data).contains(missingUri)));
    }

    @Test
    void findFilesStopsAtTheLimit() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(workspace.resolve("note-" + i + ".txt"), "note");
        }
        connect(allCapabilities(), List.of(new McpSchema.Root(workspace.toUri().toString(), "notes")));

        CallToolResult result = call("find_files", Map.of("pattern", "note-*.txt", "limit", 2));

        @SuppressWarnings("unchecked")
        Map<String, Object> search = (Map<String, Object>) result.structuredContent();
        assertThat(search).containsEntry("truncated", true);
        assertThat(search.get("roots").toString()).containsPattern("matches=\\[note-\\d\\.txt, note-\\d\\.txt\\]");
    }

    @Test
    void findFilesExplainsWhenTheClientHasNoRoots() {
        connect(ClientCapabilities.builder().sampling().build(), List.of());

        CallToolResult result = call("find_files", Map.of("pattern", "*.md"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("does not share workspace roots");
    }

    // ---------------------------------------------------------------- progress

    @Test
    @SuppressWarnings("unchecked")
    void importTasksReportsEveryStepOfProgressToTheClient() {
        connect(allCapabilities(), List.of());
        String batch = UUID.randomUUID().toString();
        List<String> titles = List.of(batch + " one", batch + " two", " ", batch + " three");

        CallToolResult result = client.callTool(CallToolRequest.builder()
            .name("import_tasks")
            .arguments(Map.of("titles", titles, "priority", "HIGH"))
            .progressToken("import-" + batch)
            .build());

        Map<String, Object> imported = (Map<String, Object>) result.structuredContent();
        assertThat(imported).containsEntry("requested", 4).containsEntry("skipped", 1);
        assertThat((List<Map<String, Object>>) imported.get("imported")).extracting(task -> task.get("title"))
            .containsExactly(batch + " one", batch + " two", batch + " three");
        assertThat(tasksOf(batch)).hasSize(3).allMatch(task -> task.priority() == Priority.HIGH);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(progress).hasSize(5));
        assertThat(progress).allSatisfy(notification -> {
            assertThat(notification.progressToken()).isEqualTo("import-" + batch);
            assertThat(notification.total()).isEqualTo(4.0);
        });
        // the Java SDK hands each notification to its consumer on its own, so they may reach the consumer out of
        // the order they were sent in; the order on the wire is checked with the TypeScript client
        assertThat(progress).extracting(ProgressNotification::progress)
            .containsExactlyInAnyOrder(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(progressAt(0.0).message()).isEqualTo("Importing 4 task(s)");
        assertThat(progressAt(4.0).message()).isEqualTo("Imported 3 of 4");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs)
            .anySatisfy(log -> assertThat(log.data()).isEqualTo("Skipped title 3: it is blank")));
    }

    private ProgressNotification progressAt(double value) {
        synchronized (progress) {
            return progress.stream().filter(p -> p.progress() == value).findFirst().orElseThrow();
        }
    }

    @Test
    void importTasksSendsNoProgressWithoutAProgressToken() {
        connect(allCapabilities(), List.of());
        String batch = UUID.randomUUID().toString();

        CallToolResult result = call("import_tasks", Map.of("titles", List.of(batch + " quiet")));

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(tasksOf(batch)).hasSize(1);
        assertThat(progress).isEmpty();
    }

    // ---------------------------------------------------------------- elicitation

    @Test
    void clearDoneTasksDeletesOnlyAfterTheUserConfirms() {
        connect(allCapabilities(), List.of());
        String batch = UUID.randomUUID().toString();
        Task shipped = board.complete(board.add(batch + " ship the release", Priority.HIGH, null).id());
        Task written = board.complete(board.add(batch + " write the notes", Priority.NORMAL, null).id());
        Task open = board.add(batch + " plan the next one", Priority.LOW, null);

        userAnswer.set(new ElicitResult(ElicitResult.Action.DECLINE, null));
        CallToolResult declined = call("clear_done_tasks", Map.of());

        assertThat(outcome(declined)).isEqualTo("DECLINED");
        assertThat(tasksOf(batch)).extracting(Task::id).containsExactly(shipped.id(), written.id(), open.id());
        assertThat(elicitations).hasSize(1);
        ElicitFormRequest question = elicitations.get(0);
        assertThat(question.message()).contains("completed task(s)").contains(shipped.title())
            .contains(written.title()).doesNotContain(open.title());
        assertThat(question.requestedSchema()).containsEntry("type", "object")
            .containsEntry("required", List.of("confirm"));
        assertThat(question.requestedSchema().get("properties").toString()).contains("confirm={type=boolean");

        userAnswer.set(new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", false)));
        assertThat(outcome(call("clear_done_tasks", Map.of()))).isEqualTo("DECLINED");
        userAnswer.set(new ElicitResult(ElicitResult.Action.CANCEL, null));
        assertThat(outcome(call("clear_done_tasks", Map.of()))).isEqualTo("CANCELLED");
        assertThat(tasksOf(batch)).hasSize(3);

        userAnswer.set(new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true)));
        CallToolResult accepted = call("clear_done_tasks", Map.of());

        assertThat(outcome(accepted)).isEqualTo("DELETED");
        assertThat(accepted.structuredContent().toString()).contains(shipped.title()).contains(written.title());
        assertThat(tasksOf(batch)).extracting(Task::id).containsExactly(open.id());
        assertThat(elicitations).hasSize(4);
    }

    @Test
    void clearDoneTasksRefusesWhenTheClientCannotAskItsUser() {
        connect(ClientCapabilities.builder().roots(true).sampling().build(), List.of());
        String batch = UUID.randomUUID().toString();
        board.complete(board.add(batch + " done already", Priority.NORMAL, null).id());

        CallToolResult result = call("clear_done_tasks", Map.of());

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("does not support elicitation").contains("no tasks were deleted");
        assertThat(tasksOf(batch)).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    private static ClientCapabilities allCapabilities() {
        return ClientCapabilities.builder().roots(true).sampling().elicitation().build();
    }

    private void connect(ClientCapabilities capabilities, List<McpSchema.Root> roots) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
            .builder("http://localhost:" + port)
            .endpoint("/mcp")
            .build();
        McpClient.SyncSpec spec = McpClient.sync(transport)
            .clientInfo(new McpSchema.Implementation("java-sdk-peer-interop", "1.0.0"))
            .requestTimeout(Duration.ofSeconds(20))
            .capabilities(capabilities)
            .progressConsumer(progress::add)
            .loggingConsumer(logs::add);
        if (capabilities.roots() != null) {
            spec.roots(roots);
        }
        if (capabilities.sampling() != null) {
            spec.sampling(request -> {
                samplingRequests.add(request);
                return model.apply(request);
            });
        }
        if (capabilities.elicitation() != null) {
            spec.elicitation(request -> {
                elicitations.add(request);
                return userAnswer.get();
            });
        }
        client = spec.build();
        client.initialize();
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    private List<Task> tasksOf(String batch) {
        return board.list(Optional.empty(), true).stream().filter(task -> task.title().startsWith(batch)).toList();
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private static Object outcome(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isNotEqualTo(Boolean.TRUE);
        return ((Map<?, ?>) result.structuredContent()).get("outcome");
    }
}
