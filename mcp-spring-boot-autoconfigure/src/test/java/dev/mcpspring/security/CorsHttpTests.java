package dev.mcpspring.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.Filter;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.NestedTestConfiguration;

import dev.mcpspring.transport.McpTestApplication;

/**
 * CORS for browser-based clients over real HTTP: preflight requests of the allowed origins answered, the answers
 * readable by their scripts ({@code Mcp-Session-Id} exposed), nothing for other origins or non-browser clients.
 * The endpoint's own checks run in the filter before Spring Security's when Spring Security is on the class path
 * (as here) and in the servlet otherwise ({@link WithoutTheFilter}); both are tested.
 */
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.server.security.allowed-origins=https://app.example.com")
class CorsHttpTests extends SecurityTestSupport {

    static final String REQUESTED_HEADERS = "content-type,mcp-protocol-version,mcp-session-id,mcp-param-city";

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:6274", "http://127.0.0.1:5173", "https://app.example.com" })
    void aPreflightRequestOfAnAllowedOriginIsAnswered(String origin) {
        RawHttp.Response response = preflight(port, origin, "POST");

        assertPreflightAnswered(response, origin);
    }

    @Test
    void aPreflightRequestOfAnotherOriginGetsTheOriginChecks403() {
        RawHttp.Response response = preflight(port, "https://evil.example.com", "POST");

        assertRefused(response, "origin");
        assertThat(response.headers()).doesNotContainKey("access-control-allow-origin");
    }

    @Test
    void aPreflightRequestForAMethodTheEndpointDoesNotServeIsRefused() {
        RawHttp.Response response = preflight(port, "http://localhost:6274", "PUT");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers()).doesNotContainKey("access-control-allow-origin");
    }

    @Test
    void theAnswerToARequestOfAnAllowedOriginCanBeReadWithItsSessionId() {
        RawHttp.Response response = initialize(Map.of("Host", "localhost:" + port, "Origin", "http://localhost:6274"));

        assertAccepted(response);
        assertReadableBy(response, "http://localhost:6274");
        assertThat(response.headers()).containsKey("mcp-session-id");
    }

    @Test
    void anErrorAnswerCanBeReadToo() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Origin", "https://app.example.com");
        headers.put("Mcp-Session-Id", "no-such-session");
        headers.put("MCP-Protocol-Version", "2025-11-25");
        RawHttp.Response response = post(headers, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");

        assertThat(response.status()).isEqualTo(404);
        assertReadableBy(response, "https://app.example.com");
    }

    @Test
    void aRequestWithoutOriginGetsNoCorsHeaders() {
        RawHttp.Response response = initialize(Map.of("Host", "localhost:" + port));

        assertAccepted(response);
        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void anOptionsRequestThatIsNoPreflightStillGets405() {
        RawHttp.Response response = RawHttp.send(port, "OPTIONS", "HTTP/1.1",
                Map.of("Host", "localhost:" + port, "Origin", "http://localhost:6274"), null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("allow")).isEqualTo("GET, POST, DELETE");
    }

    static RawHttp.Response preflight(int port, String origin, String method) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "localhost:" + port);
        headers.put("Origin", origin);
        headers.put("Access-Control-Request-Method", method);
        headers.put("Access-Control-Request-Headers", REQUESTED_HEADERS);
        return RawHttp.send(port, "OPTIONS", "HTTP/1.1", headers, null);
    }

    static void assertPreflightAnswered(RawHttp.Response response, String origin) {
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.headers()).containsEntry("access-control-allow-origin", origin)
            .containsEntry("access-control-allow-headers", REQUESTED_HEADERS.replace(",", ", "))
            .containsEntry("access-control-max-age", "1800")
            .doesNotContainKey("access-control-allow-credentials");
        assertThat(response.headers().get("access-control-allow-methods")).contains("POST").contains("GET")
            .contains("DELETE");
        assertThat(response.body()).isEmpty();
    }

    static void assertReadableBy(RawHttp.Response response, String origin) {
        assertThat(response.headers()).as("%s", response).containsEntry("access-control-allow-origin", origin);
        assertThat(response.headers().get("access-control-expose-headers")).contains("Mcp-Session-Id")
            .contains("WWW-Authenticate");
        assertThat(response.headers().get("vary")).contains("Origin");
    }

    private RawHttp.Response post(Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "localhost:" + port);
        all.put("Content-Type", "application/json");
        all.put("Accept", "application/json, text/event-stream");
        all.putAll(headers);
        return RawHttp.send(port, "POST", "HTTP/1.1", all, body);
    }

    /** The servlet's own checks and CORS, without the filter that runs them first when Spring Security is there. */
    @Nested
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(classes = { McpTestApplication.class, WithoutTheFilter.NoDnsRebindingFilter.class },
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithoutTheFilter extends SecurityTestSupport {

        @Test
        void theServletAnswersPreflightRequestsAndOpensItsAnswers() {
            assertPreflightAnswered(preflight(port, "http://localhost:6274", "POST"), "http://localhost:6274");

            RawHttp.Response response = initialize(Map.of("Host", "localhost:" + port, "Origin", "http://localhost:6274"));
            assertAccepted(response);
            assertReadableBy(response, "http://localhost:6274");
            assertRefused(preflight(port, "https://app.example.com", "POST"), "origin");
        }

        @Configuration(proxyBeanMethods = false)
        static class NoDnsRebindingFilter {

            @Bean
            FilterRegistrationBean<Filter> mcpDnsRebindingFilterRegistration() {
                FilterRegistrationBean<Filter> disabled = new FilterRegistrationBean<>((request, response, chain) -> {
                    throw new AssertionError("disabled");
                });
                disabled.setEnabled(false);
                return disabled;
            }
        }
    }

    /** {@code mcp.server.security.cors.enabled=false}: the endpoint does no CORS, for an application's own. */
    @Nested
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "mcp.server.security.cors.enabled=false")
    class Disabled extends SecurityTestSupport {

        @Test
        void preflightRequestsGet405AndAnswersNoCorsHeaders() {
            RawHttp.Response preflight = preflight(port, "http://localhost:6274", "POST");
            assertThat(preflight.status()).isEqualTo(405);

            RawHttp.Response response = initialize(Map.of("Host", "localhost:" + port, "Origin", "http://localhost:6274"));
            assertAccepted(response);
            assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        }
    }
}
