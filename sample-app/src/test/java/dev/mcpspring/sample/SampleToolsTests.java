package dev.mcpspring.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.Role;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.sample.tasks.Priority;
import dev.mcpspring.sample.tasks.TaskBoard;
import dev.mcpspring.test.AutoConfigureMcpTestClient;
import dev.mcpspring.test.McpNotification;
import dev.mcpspring.test.McpTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's tools, called in-process with the starter's test kit in both protocol eras: the way to test your
 * own tools (see docs/testing.md). The interop tests beside it use the official SDK clients over HTTP.
 */
@SpringBootTest(properties = "sample.tasks.import-pause=0ms")
@AutoConfigureMcpTestClient
class SampleToolsTests {

    @Autowired
    McpTestClient mcp;

    @Autowired
    TaskBoard board;

    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void statisticsAreStructuredAsTheOutputSchemaSays(String version) {
        mcp.protocolVersion(version);

        assertThat(mcp.callTool("statistics", Map.of("numbers", List.of(1, 2, 3, 4))))
            .isSuccessful()
            .structuredContentMatchesOutputSchema()
            .hasStructuredContent("{\"count\":4,\"min\":1.0,\"max\":4.0,\"mean\":2.5,\"median\":2.5}");
    }

    @Test
    void statisticsOfNumbersNearTheLargestDoubleStayFinite() {
        assertThat(mcp.callTool("statistics", Map.of("numbers", List.of(1e308, 1e308, -1e308))))
            .isSuccessful()
            .structuredContentMatchesOutputSchema()
            .hasStructuredContent("{\"count\":3,\"min\":-1.0E308,\"max\":1.0E308,\"median\":1.0E308}");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void temperaturesAreConvertedAndImpossibleOnesRefused(String version) {
        mcp.protocolVersion(version);

        assertThat(mcp.callTool("convert_temperature",
                Map.of("from", Map.of("value", 100, "unit", "CELSIUS"), "to", "FAHRENHEIT")))
            .isSuccessful()
            .hasStructuredContent(Map.of("value", 212.0, "unit", "FAHRENHEIT"));
        assertThat(mcp.callTool("convert_temperature",
                Map.of("from", Map.of("value", -1, "unit", "KELVIN"), "to", "CELSIUS")))
            .isToolError()
            .text().contains("cannot be negative");
        assertThat(mcp.callTool("convert_temperature",
                Map.of("from", Map.of("value", 1e300, "unit", "CELSIUS"), "to", "KELVIN")))
            .isSuccessful()
            .hasStructuredContent(Map.of("value", 1e300, "unit", "KELVIN"));
        assertThat(mcp.callTool("convert_temperature",
                Map.of("from", Map.of("value", 1.5e308, "unit", "CELSIUS"), "to", "FAHRENHEIT")))
            .isToolError()
            .text().contains("too large to convert");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void summarizeAsksTheClientsModel(String version) {
        AtomicReference<SamplingRequest> asked = new AtomicReference<>();
        mcp.protocolVersion(version).onSampling(request -> {
            asked.set(request);
            return new SamplingResult(Role.ASSISTANT, List.of(Content.text("A short summary.")), "test-model",
                    "endTurn", null);
        });

        assertThat(mcp.callTool("summarize", Map.of("text", "A long text about many things.", "maxWords", 10)))
            .isSuccessful()
            .hasText("A short summary.");
        assertThat(asked.get().systemPrompt()).isNotBlank();
        assertThat(asked.get().maxTokens()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void summarizeExplainsItselfToAClientWithoutSampling(String version) {
        mcp.protocolVersion(version);

        assertThat(mcp.callTool("summarize", Map.of("text", "Some text.")))
            .isToolError()
            .text().contains("no sampling capability");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void completedTasksAreClearedOnlyWhenTheUserConfirms(String version) {
        board.complete(board.add("Write the release notes " + version, Priority.NORMAL, null).id());
        mcp.protocolVersion(version)
            .onElicitation(request -> ElicitationResult.decline());

        assertThat(mcp.callTool("clear_done_tasks")).isSuccessful()
            .structuredContent().extractingPath("$.outcome").isEqualTo("DECLINED");

        mcp.onElicitation(request -> ElicitationResult.accept(Map.of("confirm", true)));

        assertThat(mcp.callTool("clear_done_tasks")).isSuccessful()
            .structuredContent().extractingPath("$.outcome").isEqualTo("DELETED");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void importReportsProgressPerTask(String version) {
        mcp.protocolVersion(version);

        assertThat(mcp.callTool("import_tasks", Map.of("titles", List.of("one", "", "three"))))
            .isSuccessful()
            .progress().extracting(McpNotification::message)
            .containsExactly("Importing 3 task(s)", "Imported 1 of 3", "Imported 1 of 3", "Imported 2 of 3");
    }

    @Test
    void aClientThatHandlesTasksGetsTheImportAsATaskAndPollsForItsOutcome() throws InterruptedException {
        mcp.protocolVersion("2026-07-28")
            .clientCapabilities(Map.of("extensions", Map.of("io.modelcontextprotocol/tasks", Map.of())));

        JsonNode created = mcp.callTool("import_tasks", Map.of("titles", List.of("task one", "task two"))).result();
        assertThat(created.path("resultType").asString()).isEqualTo("task");
        String taskId = created.path("taskId").asString();

        JsonNode task = mcp.request("tasks/get", Map.of("taskId", taskId)).result();
        for (int polls = 0; !task.path("status").asString().equals("completed") && polls < 100; polls++) {
            Thread.sleep(50);
            task = mcp.request("tasks/get", Map.of("taskId", taskId)).result();
        }
        assertThat(task.path("status").asString()).isEqualTo("completed");
        assertThat(task.path("result").path("structuredContent").path("imported")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void findFilesSearchesTheClientsRoots(String version, @TempDir Path workspace) throws Exception {
        Files.writeString(workspace.resolve("notes.md"), "# notes");
        Files.writeString(workspace.resolve("build.gradle"), "");
        mcp.protocolVersion(version).roots(new Root(workspace.toUri().toString(), "workspace"));

        assertThat(mcp.callTool("find_files", Map.of("pattern", "*.md")))
            .isSuccessful()
            .structuredContent().extractingPath("$.roots[0].matches").asArray().containsExactly("notes.md");
    }
}
