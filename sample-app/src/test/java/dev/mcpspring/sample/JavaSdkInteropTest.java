package dev.mcpspring.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import static org.assertj.core.api.Assertions.assertThat;

/** The official MCP Java SDK client talks to the sample app over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JavaSdkInteropTest {

    @LocalServerPort
    int port;

    McpSyncClient client;

    @BeforeEach
    void connect() {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
            .builder("http://localhost:" + port)
            .endpoint("/mcp")
            .build();
        client = McpClient.sync(transport)
            .clientInfo(new McpSchema.Implementation("java-sdk-interop", "1.0.0"))
            .requestTimeout(Duration.ofSeconds(20))
            .build();
    }

    @AfterEach
    void close() {
        client.closeGracefully();
    }

    @Test
    @SuppressWarnings("unchecked")
    void initializesAndListsTheSampleTools() {
        McpSchema.InitializeResult init = client.initialize();

        assertThat(init.protocolVersion()).isIn("2025-03-26", "2025-06-18", "2025-11-25");
        assertThat(init.serverInfo().name()).isEqualTo("sample-mcp-server");
        assertThat(init.instructions()).contains("convert_temperature");
        assertThat(init.capabilities().tools()).isNotNull();
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name)
            .containsExactly("add_task", "clear_done_tasks", "complete_task", "convert_temperature", "find_files",
                    "import_tasks", "list_tasks", "statistics", "summarize");
        McpSchema.Tool convert = tools.stream().filter(t -> t.name().equals("convert_temperature")).findFirst()
            .orElseThrow();
        assertThat((List<Object>) convert.inputSchema().get("required")).containsExactlyInAnyOrder("from", "to");
        assertThat(convert.outputSchema()).containsEntry("type", "object");
        assertThat(convert.annotations().readOnlyHint()).isTrue();
    }

    @Test
    void callsAToolWithARecordArgumentAndGetsStructuredContent() {
        client.initialize();

        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("convert_temperature",
                Map.of("from", Map.of("value", 100, "unit", "CELSIUS"), "to", "FAHRENHEIT")));

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(result.structuredContent()).isEqualTo(Map.of("value", 212.0, "unit", "FAHRENHEIT"));
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("212");
    }

    @Test
    void statefulToolsKeepTheirStateAcrossCalls() {
        client.initialize();

        McpSchema.CallToolResult added = client.callTool(new McpSchema.CallToolRequest("add_task",
                Map.of("title", "Write the interop test", "priority", "HIGH", "due", "2026-12-01")));
        @SuppressWarnings("unchecked")
        Map<String, Object> task = (Map<String, Object>) added.structuredContent();
        assertThat(task).containsEntry("title", "Write the interop test").containsEntry("due", "2026-12-01");

        McpSchema.CallToolResult listed = client.callTool(new McpSchema.CallToolRequest("list_tasks",
                Map.of("priority", "HIGH")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) ((Map<String, Object>) listed
            .structuredContent()).get("result");
        assertThat(tasks).extracting(t -> t.get("id")).contains(task.get("id"));
    }

    @Test
    void aFailingToolIsAToolErrorNotAProtocolError() {
        client.initialize();

        McpSchema.CallToolResult result = client
            .callTool(new McpSchema.CallToolRequest("complete_task", Map.of("id", 987654)));

        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().get(0)).text())
            .contains("There is no task with id 987654");
    }
}
