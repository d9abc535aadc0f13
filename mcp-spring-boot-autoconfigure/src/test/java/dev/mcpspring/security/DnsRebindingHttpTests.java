package dev.mcpspring.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.transport.McpTestApplication;
import tools.jackson.databind.JsonNode;

/**
 * DNS-rebinding protection over real HTTP, on by default: Host and Origin against allow-lists with exact matching,
 * and {@code X-Forwarded-Host} ignored unless trusted.
 */
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.security.allowed-hosts=mcp.example.com, api.example.com:8443, [2001:db8::1]",
                "mcp.server.security.allowed-origins=https://app.example.com" })
class DnsRebindingHttpTests extends SecurityTestSupport {

    // ------------------------------------------------------------------ Host

    @ParameterizedTest
    @ValueSource(strings = { "localhost", "localhost:PORT", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:PORT",
            "LocalHost:8080", "mcp.example.com", "mcp.example.com:9999", "MCP.Example.COM", "api.example.com:8443",
            "[2001:db8::1]:443", "[2001:DB8::1]" })
    void loopbackAndListedHostsAreAccepted(String host) {
        assertAccepted(initializeWithHost(host.replace("PORT", String.valueOf(port))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "evil.example.com", "evil.example.com:PORT", "localhost.evil.com",
            "localhost.evil.com:PORT", "127.0.0.1.nip.io", "127.0.0.1.evil.com:PORT", "mcp.example.com.evil.com",
            "evil-mcp.example.com", "sub.mcp.example.com", "xmcp.example.com", "api.example.com",
            "api.example.com:8444", "0.0.0.0", "[::2]" })
    void otherHostsAreRefusedEvenWhenTheyStartLikeAnAllowedOne(String host) {
        String value = host.replace("PORT", String.valueOf(port));
        RawHttp.Response response = initializeWithHost(value);

        JsonNode data = assertRefused(response, "host");
        assertThat(data.path("header").asString()).isEqualTo("Host");
        assertThat(data.path("host").asString()).isEqualTo(value);
        assertThat(response.json().path("error").path("message").asString()).contains("'" + value + "'")
            .contains("mcp.server.security.allowed-hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = { "localhost:80@evil.com", "evil.com@localhost", "localhost/evil", "[::1]x",
            "localhost:port", "api.example.com:84430", "localhost:", "[2001:db8::1]:" })
    void malformedHostsNeverGetThrough(String host) {
        RawHttp.Response response = initializeWithHost(host);

        // the container answers 400 to some of these (Tomcat to the first five, Jetty to all); the endpoint refuses
        // the others (see HostValidatorTest)
        assertThat(response.status()).as("status of %s", response).isIn(400, 403);
    }

    @Test
    void aRequestWithoutHostHeaderIsRefused() {
        RawHttp.Response response = RawHttp.send(port, "POST", "HTTP/1.0",
                Map.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream"),
                INITIALIZE);

        JsonNode data = assertRefused(response, "host");
        assertThat(data.path("host").isNull() || data.path("host").isMissingNode()).isTrue();
        assertThat(response.json().path("error").path("message").asString()).contains("no Host header");
    }

    @Test
    void theHostIsCheckedOnGetAndDeleteToo() {
        for (String method : new String[] { "GET", "DELETE" }) {
            RawHttp.Response response = RawHttp.send(port, method, "HTTP/1.1",
                    Map.of("Host", "evil.example.com", "Accept", "text/event-stream", "Mcp-Session-Id", "x"), null);

            assertRefused(response, "host");
        }
    }

    @Test
    void whenBothAreWrongTheHostCheckIsTheOneReported() {
        RawHttp.Response response = initialize(
                Map.of("Host", "evil.example.com:" + port, "Origin", "http://evil.example.com:" + port));

        assertRefused(response, "host");
    }

    @Test
    void anUntrustedXForwardedHostIsIgnored() {
        Map<String, String> spoofed = new LinkedHashMap<>();
        spoofed.put("Host", "localhost:" + port);
        spoofed.put("X-Forwarded-Host", "evil.example.com");
        assertAccepted(initialize(spoofed));

        Map<String, String> bypass = new LinkedHashMap<>();
        bypass.put("Host", "evil.example.com");
        bypass.put("X-Forwarded-Host", "localhost");
        JsonNode data = assertRefused(initialize(bypass), "host");
        assertThat(data.path("header").asString()).as("it cannot vouch for a rebound Host").isEqualTo("Host");
    }

    @Test
    void aRefusedHostBehindAProxyThatSetsXForwardedHostSaysHowToTrustIt() {
        Map<String, String> proxied = new LinkedHashMap<>();
        proxied.put("Host", "backend.internal:8080");
        proxied.put("X-Forwarded-Host", "mcp.example.com");
        RawHttp.Response response = initialize(proxied);

        assertRefused(response, "host");
        assertThat(response.json().path("error").path("message").asString())
            .contains("Host 'backend.internal:8080' is not allowed")
            .contains("mcp.server.security.trust-forwarded-host=true");
        assertThat(initializeWithHost("evil.example.com").json().path("error").path("message").asString())
            .doesNotContain("trust-forwarded-host");
    }

    // ------------------------------------------------------------------ Origin (through the test client)

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example.com", "http://localhost.evil.com", "http://localhost.evil.com:3000",
            "http://127.0.0.1.evil.com", "http://127.0.0.1.nip.io:8080", "https://app.example.com.evil.com",
            "https://app.example.com.evil", "https://app.example.comx", "https://evil.com/https://app.example.com",
            "https://sub.app.example.com", "http://app.example.com", "https://app.example.com:443",
            "https://app.example.com:8443", "http://localhost@evil.com", "http://evil.com@localhost",
            "http://localhost:3000/path", "http://localhost?x=1", "http://localhost#x", "ws://localhost:3000",
            "null", "file://localhost" })
    void originsThatOnlyLookAllowedAreRefused(String origin) {
        McpResponse response = client().post(client().message(1, "ping", null)).header("Origin", origin).send();

        JsonNode data = assertRefused(response.status(), response.body(), "origin");
        assertThat(data.path("origin").asString()).isEqualTo(origin);
        assertThat(response.errorMessage()).contains("mcp.server.security.allowed-origins");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://app.example.com", "HTTPS://APP.EXAMPLE.COM", "http://localhost:6274",
            "http://127.0.0.1:3000", "http://[::1]:5173", "https://localhost" })
    void loopbackAndListedOriginsAreAccepted(String origin) {
        McpResponse response = client().post(initializeMessage()).header("Origin", origin).send();

        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    @Test
    void requestsWithoutOriginAreAccepted() {
        McpResponse response = client().post(initializeMessage()).withoutHeader("Origin").send();

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void aGoodHostWithABadOriginReportsTheOriginCheck() {
        RawHttp.Response response = initialize(
                Map.of("Host", "localhost:" + port, "Origin", "http://evil.example.com:" + port));

        assertRefused(response, "origin");
    }

    private McpTestClient client() {
        return McpTestClient.create(port);
    }

    private JsonNode initializeMessage() {
        return client().mapper().readTree(INITIALIZE);
    }
}
