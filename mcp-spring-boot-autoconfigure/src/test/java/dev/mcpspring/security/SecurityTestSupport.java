package dev.mcpspring.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.protocol.ErrorCodes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw requests with chosen Host headers and the checks of a DNS-rebinding refusal. */
abstract class SecurityTestSupport {

    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
            "capabilities":{},"clientInfo":{"name":"rebinding-test","version":"1.0.0"}}}""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /** POSTs {@code initialize} with these headers besides Content-Type and Accept. */
    RawHttp.Response initialize(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.put("Accept", "application/json, text/event-stream");
        all.putAll(headers);
        return RawHttp.send(port, "POST", "HTTP/1.1", all, INITIALIZE);
    }

    /** The headers of a request through a proxy: its own {@code Host} and the client's in X-Forwarded-Host. */
    static Map<String, String> forwarded(String host, String forwardedHost) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("X-Forwarded-Host", forwardedHost);
        return headers;
    }

    RawHttp.Response initializeWithHost(String host) {
        return initialize(Map.of("Host", host));
    }

    static void assertAccepted(RawHttp.Response response) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(200);
        assertThat(response.json().path("result").path("protocolVersion").asString()).isEqualTo("2025-11-25");
    }

    /**
     * Asserts a 403 whose JSON-RPC error (without id) names the failed check.
     *
     * @return the error's {@code data}
     */
    static JsonNode assertRefused(int status, String body, String check) {
        assertThat(status).as("status, body %s", body).isEqualTo(403);
        JsonNode message = JSON.readTree(body);
        assertThat(message.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(message.get("id").isNull()).isTrue();
        JsonNode error = message.path("error");
        assertThat(error.path("code").asInt()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        String name = check.equals("host") ? "Host check failed" : "Origin check failed";
        assertThat(error.path("message").asString()).startsWith("Forbidden: " + name);
        assertThat(error.path("data").path("check").asString()).isEqualTo(check);
        assertThat(body).doesNotContain("Exception").doesNotContain("dev.mcpspring");
        return error.path("data");
    }

    static JsonNode assertRefused(RawHttp.Response response, String check) {
        return assertRefused(response.status(), response.body(), check);
    }
}
