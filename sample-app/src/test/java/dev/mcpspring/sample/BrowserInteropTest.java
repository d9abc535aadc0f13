package dev.mcpspring.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web page calling the sample from another origin in a real browser (Chromium's headless shell, through
 * {@code scripts/browser-client.sh}), as browser-based clients do: the browser sends CORS preflight requests and
 * lets the page read only what the server allows. A loopback origin (the page on {@code 127.0.0.1}, the server on
 * {@code localhost}) is allowed by default, in a 2025 session (whose {@code Mcp-Session-Id} the page must be able to
 * read) and as a 2026-07-28 client; an origin the server does not list gets nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserInteropTest {

    private static final Path BROWSER_CLIENT = Path.of("..", "scripts", "browser-client.sh");

    @LocalServerPort
    int port;

    @Test
    void aPageOnALoopbackOriginCallsAToolInBothEras() throws Exception {
        JsonNode report = open().succeeded("browser");

        assertThat(report.path("origin").asString()).startsWith("http://127.0.0.1:");
        JsonNode legacy = report.path("legacy");
        assertThat(legacy.path("error").isMissingNode()).as("2025 session: %s", legacy).isTrue();
        assertThat(legacy.path("initializeStatus").asInt()).isEqualTo(200);
        assertThat(legacy.path("sessionId").asString("")).as("the page read Mcp-Session-Id").isNotEmpty();
        assertThat(legacy.path("protocolVersion").asString()).isEqualTo("2025-11-25");
        assertThat(legacy.path("initializedStatus").asInt()).isEqualTo(202);
        assertThat(legacy.path("result").path("structuredContent").path("value").asDouble()).isEqualTo(212.0);
        assertThat(legacy.path("deleteStatus").asInt()).isEqualTo(200);

        JsonNode modern = report.path("modern");
        assertThat(modern.path("error").isMissingNode()).as("2026-07-28 request: %s", modern).isTrue();
        assertThat(modern.path("callStatus").asInt()).isEqualTo(200);
        assertThat(modern.path("sessionId").isNull()).isTrue();
        assertThat(modern.path("result").path("resultType").asString()).isEqualTo("complete");
        assertThat(modern.path("result").path("structuredContent").path("value").asDouble()).isEqualTo(212.0);
    }

    @Test
    void aPageOnAnOriginTheServerDoesNotAllowGetsNothing() throws Exception {
        JsonNode report = open("--page-host", "pages.example").succeeded("browser");

        assertThat(report.path("origin").asString()).startsWith("http://pages.example:");
        assertThat(report.path("legacy").path("error").asString()).isEqualTo("TypeError: Failed to fetch");
        assertThat(report.path("modern").path("error").asString()).isEqualTo("TypeError: Failed to fetch");
    }

    private ClientScripts.Run open(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(BROWSER_CLIENT.toString(), "http://localhost:" + port + "/mcp"));
        command.addAll(List.of(options));
        return ClientScripts.run(command);
    }
}
