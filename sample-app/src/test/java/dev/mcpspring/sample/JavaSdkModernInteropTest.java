package dev.mcpspring.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.sample.tasks.Priority;
import dev.mcpspring.sample.tasks.Task;
import dev.mcpspring.sample.tasks.TaskBoard;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.McpSchema.CallToolOutcome;
import io.modelcontextprotocol.modern.McpSchema.CallToolResult;
import io.modelcontextprotocol.modern.McpSchema.CreateMessageInputRequest;
import io.modelcontextprotocol.modern.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.modern.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.modern.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.modern.McpSchema.ElicitResult;
import io.modelcontextprotocol.modern.McpSchema.InputRequest;
import io.modelcontextprotocol.modern.McpSchema.InputRequiredResult;
import io.modelcontextprotocol.modern.McpSchema.ListRootsInputRequest;
import io.modelcontextprotocol.modern.McpSchema.ListRootsResult;
import io.modelcontextprotocol.modern.client.McpClient;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpClientTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official MCP Java SDK's 2026-07-28 client ({@code io.modelcontextprotocol.modern.client}, mcp 2.2.0) over
 * Streamable HTTP: no {@code initialize}, every request carries the {@code _meta} envelope, and
 * {@code input_required} answers are fulfilled automatically for elicitation (the only input handlers this client
 * has) or by hand through {@code callOnce()} / {@code inputResponses} / {@code requestState}.
 * <p>
 * This client declares only the elicitation capability (it derives its capabilities from its handlers and has none
 * for sampling or roots), so the sampling and roots tools must answer with their "client cannot" tool errors. The
 * manual-round tests widen the declared capabilities with a transport decorator to drive sampling and roots rounds
 * by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JavaSdkModernInteropTest {

    static final String MODERN = "2026-07-28";

    static final String CANNED_SUMMARY = "Three tasks are open; the release is due on Friday.";

    static final Map<String, Object> BOILING = Map.of("from", Map.of("value", 100, "unit", "CELSIUS"), "to",
            "FAHRENHEIT");

    @LocalServerPort
    int port;

    @Autowired
    TaskBoard board;

    @TempDir
    Path workspace;

    /** The form elicitations the client's handler saw. */
    final List<ElicitFormRequest> elicitations = Collections.synchronizedList(new ArrayList<>());

    /** The user's answer to the next elicitation. */
    final AtomicReference<ElicitResult> userAnswer = new AtomicReference<>(ElicitResult.decline());

    // ---------------------------------------------------------------- discovery and a plain tool

    @Test
    void discoverReportsTheModernRevisionAndTheServer() {
        McpSyncClient client = client(false);

        McpSchema.DiscoverResult discovered = client.discover();

        assertThat(discovered.supportedVersions()).contains(MODERN);
        assertThat(discovered.resultType()).isEqualTo("complete");
        assertThat(discovered.capabilities().tools()).isNotNull();
        assertThat(discovered.meta()).containsKey("io.modelcontextprotocol/serverInfo");
        assertThat(discovered.meta().get("io.modelcontextprotocol/serverInfo").toString())
            .contains("sample-mcp-server");
    }

    @Test
    void listsTheToolsAndCallsAPlainTool() {
        McpSyncClient client = client(false);

        List<McpSchema.Tool> tools = client.listTools().list().tools();
        CallToolResult converted = client.tool("convert_temperature").arguments(BOILING).call();

        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyElementsOf(TypeScriptV2Clients.SAMPLE_TOOLS);
        assertThat(converted.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(converted.resultType()).isEqualTo("complete");
        assertThat(converted.structuredContent()).isEqualTo(Map.of("value", 212.0, "unit", "FAHRENHEIT"));
        assertThat(((McpSchema.TextContent) converted.content().get(0)).text()).contains("212");
    }

    // ---------------------------------------------------------------- elicitation, fulfilled by the client

    @Test
    void clearDoneTasksAsksTheUserThroughTheElicitationHandler() {
        McpSyncClient client = client(false);
        String batch = UUID.randomUUID().toString();
        Task shipped = board.complete(board.add(batch + " ship the release", Priority.HIGH, null).id());
        Task open = board.add(batch + " plan the next one", Priority.LOW, null);

        userAnswer.set(ElicitResult.decline());
        assertThat(outcome(client.tool("clear_done_tasks").call())).isEqualTo("DECLINED");
        assertThat(tasksOf(batch)).extracting(Task::id).containsExactly(shipped.id(), open.id());
        assertThat(elicitations).hasSize(1);
        assertThat(elicitations.get(0).message()).contains("completed task(s)");
        assertThat(elicitations.get(0).requestedSchema()).containsEntry("required", List.of("confirm"));

        userAnswer.set(ElicitResult.accept(Map.of("confirm", true)));
        CallToolResult accepted = client.tool("clear_done_tasks").call();

        assertThat(outcome(accepted)).isEqualTo("DELETED");
        assertThat(accepted.structuredContent().toString()).contains(shipped.title());
        assertThat(tasksOf(batch)).extracting(Task::id).containsExactly(open.id());
        assertThat(elicitations).hasSize(2);
    }

    @Test
    void anElicitationHandlerThatThrowsFailsTheCallInTheClient() {
        McpSyncClient client = McpClient.sync(transport())
            .clientInfo(McpSchema.Implementation.builder("java-sdk-modern-interop", "1.0.0").build())
            .roundTimeout(Duration.ofSeconds(20))
            .formElicitation(request -> {
                throw new IllegalStateException("the user closed the dialog");
            })
            .build();
        String batch = UUID.randomUUID().toString();
        board.complete(board.add(batch + " done already", Priority.NORMAL, null).id());

        assertThatThrownBy(() -> client.tool("clear_done_tasks").call()).hasMessageContaining("closed the dialog");
        assertThat(tasksOf(batch)).hasSize(1);
    }

    @Test
    void clearDoneTasksThroughManualRounds() {
        McpSyncClient client = client(false);
        String batch = UUID.randomUUID().toString();
        Task done = board.complete(board.add(batch + " archive the logs", Priority.NORMAL, null).id());

        CallToolResult result = callWithManualRounds(client, "clear_done_tasks", Map.of(), request -> {
            assertThat(request).isInstanceOf(McpSchema.ElicitInputRequest.class);
            return ElicitResult.accept(Map.of("confirm", true));
        });

        assertThat(outcome(result)).isEqualTo("DELETED");
        assertThat(tasksOf(batch)).extracting(Task::id).doesNotContain(done.id());
        assertThat(elicitations).as("callOnce does not run the handlers").isEmpty();
    }

    // ---------------------------------------------------------------- sampling and roots, which it cannot declare

    @Test
    void summarizeExplainsThatThisClientCannotSample() {
        McpSyncClient client = client(false);

        CallToolResult result = client.tool("summarize").arguments(Map.of("text", "Some long text.")).call();

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("no sampling capability");
    }

    @Test
    void findFilesExplainsThatThisClientHasNoRoots() {
        McpSyncClient client = client(false);

        CallToolResult result = client.tool("find_files").arguments(Map.of("pattern", "*.md")).call();

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("does not share workspace roots");
    }

    @Test
    void summarizeThroughManualRoundsWhenTheClientDeclaresSampling() {
        McpSyncClient client = client(true);
        String text = "The board holds three open tasks. The release is planned for Friday. Nobody is on leave.";
        List<CreateMessageRequest> asked = new ArrayList<>();

        CallToolResult result = callWithManualRounds(client, "summarize", Map.of("text", text, "maxWords", 20),
                request -> {
                    CreateMessageRequest sampling = ((CreateMessageInputRequest) request).params();
                    asked.add(sampling);
                    return new CreateMessageResult(McpSchema.Role.ASSISTANT,
                            new McpSchema.TextContent(null, CANNED_SUMMARY, null), "canned-model",
                            CreateMessageResult.STOP_REASON_END_TURN, null);
                });

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(result)).isEqualTo(CANNED_SUMMARY);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).systemPrompt()).contains("concise summaries");
        assertThat(asked.get(0).maxTokens()).isEqualTo(40);
        assertThat(asked.get(0).temperature()).isEqualTo(0.2);
        assertThat(asked.get(0).modelPreferences().hints()).extracting(McpSchema.ModelHint::name)
            .containsExactly("claude-haiku", "mini");
    }

    @Test
    @SuppressWarnings("unchecked")
    void findFilesThroughManualRoundsWhenTheClientDeclaresRoots() throws Exception {
        Files.writeString(workspace.resolve("README.md"), "# readme");
        String projectUri = workspace.toUri().toString();
        McpSyncClient client = client(true);

        CallToolResult result = callWithManualRounds(client, "find_files", Map.of("pattern", "*.md"), request -> {
            assertThat(request).isInstanceOf(ListRootsInputRequest.class);
            return new ListRootsResult(List.of(new McpSchema.Root(projectUri, "project", null)));
        });

        assertThat(result.isError()).as(text(result)).isNotEqualTo(Boolean.TRUE);
        Map<String, Object> search = (Map<String, Object>) result.structuredContent();
        List<Map<String, Object>> roots = (List<Map<String, Object>>) search.get("roots");
        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root).containsEntry("uri", projectUri).containsEntry("status", "SEARCHED");
            assertThat((List<String>) root.get("matches")).containsExactly("README.md");
        });
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A client with a form elicitation handler; with {@code declareSamplingAndRoots} its requests also declare the
     * sampling and roots capabilities (see {@link ModernClientCapabilities}).
     */
    private McpSyncClient client(boolean declareSamplingAndRoots) {
        McpClientTransport transport = transport();
        return McpClient.sync(declareSamplingAndRoots
                ? ModernClientCapabilities.declaringSamplingAndRoots(transport) : transport)
            .clientInfo(McpSchema.Implementation.builder("java-sdk-modern-interop", "1.0.0").build())
            .roundTimeout(Duration.ofSeconds(20))
            .formElicitation(request -> {
                elicitations.add(request);
                return userAnswer.get();
            })
            .build();
    }

    private HttpClientMcpTransport transport() {
        return HttpClientMcpTransport.builder("http://localhost:" + port + "/mcp").build();
    }

    /**
     * Calls a tool with {@code callOnce()} and answers each {@code input_required} round by hand: every input
     * request goes through {@code responder}, and the retry carries the answers and the round's
     * {@code requestState}.
     */
    private static CallToolResult callWithManualRounds(McpSyncClient client, String tool, Map<String, Object> arguments,
            Function<InputRequest, Object> responder) {
        CallToolOutcome outcome = client.tool(tool).arguments(arguments).callOnce();
        int rounds = 0;
        while (outcome instanceof InputRequiredResult inputRequired) {
            assertThat(++rounds).as("rounds of %s", tool).isLessThanOrEqualTo(5);
            assertThat(inputRequired.resultType()).isEqualTo("input_required");
            Map<String, Object> responses = new LinkedHashMap<>();
            if (inputRequired.inputRequests() != null) {
                inputRequired.inputRequests().forEach((key, request) -> responses.put(key, responder.apply(request)));
            }
            outcome = client.tool(tool)
                .arguments(arguments)
                .inputResponses(responses)
                .requestState(inputRequired.requestState())
                .callOnce();
        }
        assertThat(rounds).as("%s asked for input", tool).isPositive();
        return (CallToolResult) outcome;
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
