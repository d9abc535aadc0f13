package dev.mcpspring.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.transport.McpTestApplication;
import tools.jackson.databind.JsonNode;

/** Behind a trusted reverse proxy ({@code trust-forwarded-host=true}): X-Forwarded-Host is the host checked. */
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.security.trust-forwarded-host=true",
                "mcp.server.security.allowed-hosts=mcp.example.com" })
class ForwardedHostHttpTests extends SecurityTestSupport {

    @Test
    void theForwardedHostIsCheckedInsteadOfTheProxysHost() {
        assertAccepted(initialize(forwarded("backend.internal:8080", "mcp.example.com")));
        assertAccepted(initialize(forwarded("backend.internal:8080", "mcp.example.com:443")));
    }

    @Test
    void aForwardedHostThatIsNotAllowedIsRefusedAndNamed() {
        RawHttp.Response response = initialize(forwarded("localhost:" + port, "evil.example.com"));

        JsonNode data = assertRefused(response, "host");
        assertThat(data.path("header").asString()).isEqualTo("X-Forwarded-Host");
        assertThat(data.path("host").asString()).isEqualTo("evil.example.com");
        assertThat(response.json().path("error").path("message").asString())
            .contains("X-Forwarded-Host 'evil.example.com'");
    }

    @Test
    void theFirstForwardedHostIsTheClientsOne() {
        assertRefused(initialize(forwarded("localhost", "evil.example.com, mcp.example.com")), "host");
        assertAccepted(initialize(forwarded("localhost", "mcp.example.com, proxy.internal")));
        assertRefused(initialize(forwarded("localhost", "mcp.example.com.evil.com")), "host");
    }

    @Test
    void withoutForwardedHostTheHostHeaderIsChecked() {
        assertAccepted(initializeWithHost("localhost:" + port));
        assertRefused(initializeWithHost("evil.example.com"), "host");
    }
}
