package dev.mcpspring.test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.app.KitTestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** In-process requests go through the application's servlet filters, Spring Security's among them. */
@SpringBootTest(classes = KitTestApplication.class, properties = "kit.secured=true")
@AutoConfigureMcpTestClient
class InProcessSecurityTests {

    @Autowired
    McpTestClient mcp;

    @Test
    void withoutCredentialsTheSecurityFilterRefusesTheSession() {
        assertThatThrownBy(() -> mcp.callTool("echo", Map.of("text", "hi")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("HTTP 401");
    }

    @Test
    void withCredentialsTheToolIsCalled() {
        mcp.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));

        assertThat(mcp.callTool("echo", Map.of("text", "hi"))).isSuccessful().hasText("hi");
    }

    @Test
    void theStatelessEraIsFilteredToo() {
        mcp.protocolVersion("2026-07-28");

        assertThat(mcp.callTool("echo", Map.of("text", "hi"))).hasHttpStatus(401);
    }
}
