package dev.mcpspring.docs.testing;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.AutoConfigureMcpTestClient;
import dev.mcpspring.test.McpResult;
import dev.mcpspring.test.McpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMcpTestClient
class LibraryTests {

    @Autowired
    McpTestClient mcp;

    // tag::resources-prompts-completions[]
    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2026-07-28" })
    void theLibraryReadsPromptsAndCompletes(String protocolVersion) {
        mcp.protocolVersion(protocolVersion);
        assertThat(mcp.readResource("library://readme")).isSuccessful().text().startsWith("# Library");
        assertThat(mcp.getPrompt("recommend", Map.of("genre", "poetry"))).hasText("Recommend 3 poetry books.");

        McpResult genres = mcp.completePromptArgument("recommend", "genre", "f", Map.of());
        assertThat(genres.result().path("completion").path("values").toString()).isEqualTo("[\"fantasy\"]");
        McpResult isbns = mcp.completeResourceArgument("library://books/{isbn}/cover", "isbn", "97805", Map.of());
        assertThat(isbns.result().path("completion").path("values").toString()).isEqualTo("[\"9780553293357\"]");
    }
    // end::resources-prompts-completions[]
}
