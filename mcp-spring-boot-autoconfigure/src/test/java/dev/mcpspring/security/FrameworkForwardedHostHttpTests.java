package dev.mcpspring.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.transport.McpTestApplication;
import tools.jackson.databind.JsonNode;

/**
 * Behind a trusted reverse proxy with {@code server.forward-headers-strategy=framework}: Spring's
 * {@code ForwardedHeaderFilter} removes X-Forwarded-Host before the endpoint's checks, and the host it forwarded is
 * still the one checked, not the proxy's {@code Host}.
 */
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "server.forward-headers-strategy=framework", "mcp.server.security.trust-forwarded-host=true",
                "mcp.server.security.allowed-hosts=mcp.example.com" })
class FrameworkForwardedHostHttpTests extends SecurityTestSupport {

    @Test
    void theForwardedHostIsCheckedInsteadOfTheProxysHost() {
        assertAccepted(initialize(forwarded("backend.internal:8080", "mcp.example.com")));
        assertAccepted(initialize(forwarded("backend.internal:8080", "mcp.example.com:443")));
    }

    @Test
    void aForwardedHostThatIsNotAllowedIsRefusedEvenWhenTheProxysHostIsLoopback() {
        RawHttp.Response response = initialize(forwarded("127.0.0.1:" + port, "evil.example.com"));

        JsonNode data = assertRefused(response, "host");
        assertThat(data.path("header").asString()).isEqualTo("X-Forwarded-Host");
        assertThat(data.path("host").asString()).startsWith("evil.example.com");
    }

    @Test
    void withoutForwardedHostTheHostHeaderIsChecked() {
        assertAccepted(initializeWithHost("localhost:" + port));
        assertAccepted(initializeWithHost("mcp.example.com"));
        assertRefused(initializeWithHost("evil.example.com"), "host");
    }
}
