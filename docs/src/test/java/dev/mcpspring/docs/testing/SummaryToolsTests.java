package dev.mcpspring.docs.testing;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.AutoConfigureMcpTestClient;
import dev.mcpspring.test.McpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMcpTestClient
class SummaryToolsTests {

    @Autowired
    McpTestClient mcp;

    // tag::sampling[]
    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void summarizeAsksTheClientsModel(String protocolVersion) {
        mcp.protocolVersion(protocolVersion).onSampling("A short summary.");

        assertThat(mcp.callTool("summarize", Map.of("text", "A long text.")))
            .isSuccessful()
            .hasText("A short summary.");
    }
    // end::sampling[]
}
