package dev.mcpspring.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static dev.mcpspring.sample.TypeScriptV2Clients.SAMPLE_TOOLS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP Inspector's command-line mode ({@code @modelcontextprotocol/inspector} 2.12.0, through
 * {@code scripts/inspector.sh}) against the sample, in a 2025 session ({@code --protocol-era legacy}) and on
 * 2026-07-28 ({@code modern}): it lists the tools with its schema portability check ({@code --strict}), which must
 * find nothing in the schemas the starter generated, calls a tool, and reports a tool's error as one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpInspectorInteropTest {

    private static final Path INSPECTOR = Path.of("..", "scripts", "inspector.sh");

    /** The Inspector's exit code for a tool result with {@code isError: true}. */
    private static final int TOOL_ERROR = 5;

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = { "legacy", "modern" })
    void theToolsSchemasPassTheInspectorsPortabilityCheck(String era) throws Exception {
        JsonNode out = inspect(era, "--method", "tools/list", "--strict").succeeded("inspector");

        assertThat(out.path("result").path("tools").valueStream().map(tool -> tool.path("name").asString()))
            .containsExactlyElementsOf(SAMPLE_TOOLS);
        assertThat(out.has("schemaFindings")).as("schema findings: %s", out.path("schemaFindings")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "legacy", "modern" })
    void aToolCallAnswersInTheEraTheInspectorAskedFor(String era) throws Exception {
        JsonNode result = inspect(era, "--method", "tools/call", "--tool-name", "convert_temperature",
                "--tool-args-json", "{\"from\":{\"value\":100,\"unit\":\"CELSIUS\"},\"to\":\"FAHRENHEIT\"}")
            .succeeded("inspector")
            .path("result");

        assertThat(result.path("structuredContent").path("value").asDouble()).isEqualTo(212.0);
        assertThat(result.path("structuredContent").path("unit").asString()).isEqualTo("FAHRENHEIT");
        // only a 2026-07-28 result names the server and its kind
        assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asString(""))
            .isEqualTo(era.equals("modern") ? "sample-mcp-server" : "");
        assertThat(result.path("resultType").asString("")).isEqualTo(era.equals("modern") ? "complete" : "");
    }

    @ParameterizedTest
    @ValueSource(strings = { "legacy", "modern" })
    void aToolErrorIsReportedAsOne(String era) throws Exception {
        ClientScripts.Run run = inspect(era, "--method", "tools/call", "--tool-name", "statistics",
                "--tool-args-json", "{\"numbers\":[]}");

        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isEqualTo(TOOL_ERROR);
        assertThat(run.out().path("result").path("isError").asBoolean()).isTrue();
        assertThat(run.out().path("result").path("content").get(0).path("text").asString())
            .contains("Give at least one number");
    }

    private ClientScripts.Run inspect(String era, String... arguments) throws Exception {
        assertThat(INSPECTOR).exists();
        List<String> command = new ArrayList<>(List.of("bash", INSPECTOR.toString(),
                "http://127.0.0.1:" + port + "/mcp", "--protocol-era", era, "--format", "json", "--quiet"));
        command.addAll(List.of(arguments));
        return ClientScripts.run(command);
    }
}
