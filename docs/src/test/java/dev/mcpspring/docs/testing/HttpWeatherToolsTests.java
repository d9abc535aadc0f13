package dev.mcpspring.docs.testing;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.AutoConfigureMcpTestClient;
import dev.mcpspring.test.McpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

// tag::http[]
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMcpTestClient(protocolVersion = "2026-07-28")
class HttpWeatherToolsTests {
    // end::http[]

    @Autowired
    McpTestClient mcp;

    @Test
    void forecastOverHttp() {
        assertThat(mcp.callTool("forecast", Map.of("city", "Oslo"))).isSuccessful();
        assertThat(mcp.sessionId()).as("2026-07-28 has no sessions").isNull();
    }
}
