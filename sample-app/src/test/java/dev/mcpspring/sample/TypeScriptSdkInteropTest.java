package dev.mcpspring.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official TypeScript SDK client ({@code @modelcontextprotocol/sdk}, run by Node 22 through
 * {@code scripts/ts-client.sh}, which installs both on first use) talks to the sample app over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TypeScriptSdkInteropTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "ts-client.sh");

    @LocalServerPort
    int port;

    @Test
    void initializesListsAndCallsATool() throws Exception {
        JsonNode out = runClient("statistics", "{\"numbers\":[1,2,3,4]}");

        assertThat(out.path("serverInfo").path("name").asString()).isEqualTo("sample-mcp-server");
        assertThat(out.path("protocolVersion").asString()).isEqualTo("2025-11-25");
        assertThat(out.path("tools").valueStream().map(JsonNode::asString).toList())
            .containsExactly("add_task", "complete_task", "convert_temperature", "list_tasks", "statistics");
        JsonNode stats = out.path("callResult").path("structuredContent");
        assertThat(stats.path("count").asInt()).isEqualTo(4);
        assertThat(stats.path("mean").asDouble()).isEqualTo(2.5);
        assertThat(stats.path("median").asDouble()).isEqualTo(2.5);
    }

    @Test
    void invalidArgumentsComeBackAsAToolError() throws Exception {
        JsonNode out = runClient("statistics", "{\"numbers\":\"not a list\"}");

        assertThat(out.path("callResult").path("isError").asBoolean()).isTrue();
        assertThat(out.path("callResult").path("content").get(0).path("text").asString()).contains("numbers");
    }

    private JsonNode runClient(String tool, String arguments) throws IOException, InterruptedException {
        assertThat(SCRIPT).exists();
        Path stderr = Files.createTempFile("ts-client", ".err");
        Process process = new ProcessBuilder(List.of("bash", SCRIPT.toString(), "http://127.0.0.1:" + port + "/mcp",
                tool, arguments))
            .redirectError(stderr.toFile())
            .start();
        byte[] stdout = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(finished).as("ts-client finished").isTrue();
        assertThat(process.exitValue()).as("ts-client exit code; stderr:%n%s", errors).isZero();
        String[] lines = new String(stdout, StandardCharsets.UTF_8).strip().split("\n");
        return JsonMapper.shared().readTree(lines[lines.length - 1]);
    }
}
