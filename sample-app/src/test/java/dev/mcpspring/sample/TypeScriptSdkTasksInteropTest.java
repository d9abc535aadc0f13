package dev.mcpspring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The official TypeScript SDK client's experimental tasks API ({@code client.experimental.tasks}, the 2025-11-25
 * tasks utility; run by Node 22 through {@code scripts/ts-tasks-client.sh}) against the sample's long import, which
 * runs as a task ({@code import_tasks}, {@code task = OPTIONAL}), over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sample.tasks.import-pause=300ms", "mcp.server.tasks.poll-interval=100ms" })
class TypeScriptSdkTasksInteropTest {

    @LocalServerPort
    int port;

    @Test
    void theImportRunsAsATaskTheClientPollsToItsResult() throws Exception {
        JsonNode out = runClient("import_tasks", "{\"titles\":[\"ts one\",\"ts two\",\"ts three\"]}");

        assertThat(out.path("taskCapability").path("requests").path("tools").has("call")).isTrue();
        assertThat(out.path("taskSupport").asString()).isEqualTo("optional");
        List<String> types = new ArrayList<>();
        out.path("messages").forEach(message -> types.add(message.path("type").asString()));
        assertThat(types).first().isEqualTo("taskCreated");
        assertThat(types).last().isEqualTo("result");
        assertThat(types).contains("taskStatus");
        JsonNode created = out.path("messages").get(0);
        assertThat(created.path("status").asString()).isEqualTo("working");
        JsonNode result = out.path("messages").get(types.size() - 1).path("result");
        assertThat(result.path("structuredContent").path("imported")).hasSize(3);
        assertThat(result.path("_meta").path("io.modelcontextprotocol/related-task").path("taskId").asString())
            .isEqualTo(created.path("taskId").asString());
        assertThat(out.path("listed").findValuesAsString("taskId")).contains(created.path("taskId").asString());
    }

    @Test
    void aTaskTheClientCancelsEndsCancelled() throws Exception {
        JsonNode out = runClient("import_tasks", "{\"titles\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\"]}",
                "--cancel");

        assertThat(out.path("cancelled").path("status").asString()).isEqualTo("cancelled");
        JsonNode last = out.path("messages").get(out.path("messages").size() - 1);
        assertThat(last.path("type").asString()).isEqualTo("error");
        assertThat(last.path("error").asString()).contains("cancelled");
    }

    private JsonNode runClient(String... arguments) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("http://127.0.0.1:" + port + "/mcp"));
        all.addAll(List.of(arguments));
        return TypeScriptClients.run("ts-tasks-client.sh", all);
    }
}
