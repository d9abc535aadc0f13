package dev.mcpspring.sample;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official TypeScript SDK client ({@code @modelcontextprotocol/sdk}, run by Node 22 through
 * {@code scripts/ts-client.sh}, which installs both on first use) talks to the sample app over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TypeScriptSdkInteropTest {

    @LocalServerPort
    int port;

    @Test
    void initializesListsAndCallsATool() throws Exception {
        JsonNode out = runClient("statistics", "{\"numbers\":[1,2,3,4]}");

        assertThat(out.path("serverInfo").path("name").asString()).isEqualTo("sample-mcp-server");
        assertThat(out.path("protocolVersion").asString()).isEqualTo("2025-11-25");
        assertThat(out.path("tools").valueStream().map(JsonNode::asString).toList())
            .containsExactly("add_task", "clear_done_tasks", "complete_task", "convert_temperature", "find_files",
                    "import_tasks", "list_tasks", "statistics", "summarize");
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
        return TypeScriptClients.run("ts-client.sh", List.of("http://127.0.0.1:" + port + "/mcp", tool, arguments));
    }
}
