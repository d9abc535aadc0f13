package dev.mcpspring.docs.testing;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.test.AutoConfigureMcpTestClient;
import dev.mcpspring.test.McpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMcpTestClient
class TaskToolsTests {

    @Autowired
    McpTestClient mcp;

    // tag::elicitation[]
    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void doneTasksAreDeletedOnlyWhenTheUserConfirms(String protocolVersion) {
        mcp.protocolVersion(protocolVersion).onElicitation(request -> ElicitationResult.decline());
        assertThat(mcp.callTool("clearDone")).isSuccessful().hasText("kept");

        mcp.onElicitation(request -> ElicitationResult.accept(Map.of("confirm", true)));
        assertThat(mcp.callTool("clearDone")).isSuccessful().text().startsWith("deleted ");
    }
    // end::elicitation[]
}
