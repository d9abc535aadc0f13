package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** The HTTP-level rows of the error table: Origin (403), Accept (406), Content-Type (415), body size (413). */
@McpHttpTest
class HeaderValidationHttpTests extends HttpTestSupport {

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = connected();
    }

    // ------------------------------------------------------------------ Origin

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example.com", "http://app.example.com", "https://app.example.com:444",
            "https://app.example.com.evil.com", "https://tools.example.org", "null", "http://localhost.evil.com",
            "http://127.0.0.1.nip.io", "file://", "garbage" })
    void aForeignOriginIs403(String origin) {
        McpResponse response = client.post(client.message(1, "ping", null)).header("Origin", origin).send();

        JsonNode error = assertError(response, 403, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("Origin");
    }

    @Test
    void aForeignOriginIs403OnGetAndDeleteToo() {
        assertError(client.get().header("Origin", "https://evil.example.com").send(), 403,
                ErrorCodes.INVALID_REQUEST);
        assertError(client.exchange("DELETE").header("Origin", "https://evil.example.com").send(), 403,
                ErrorCodes.INVALID_REQUEST);
        assertThat(client.ping().status()).as("the refused DELETE left the session alone").isEqualTo(200);
    }

    @Test
    void aForeignOriginCannotInitialize() {
        McpTestClient foreign = McpTestClient.builder(client.endpoint())
            .header("Origin", "https://evil.example.com")
            .build();

        McpResponse response = foreign.initialize();

        assertError(response, 403, ErrorCodes.INVALID_REQUEST);
        assertThat(response.sessionId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost", "http://localhost:3000", "https://localhost:8443",
            "http://127.0.0.1", "http://127.0.0.1:6274", "http://[::1]:5173", "HTTP://LOCALHOST:80",
            "https://app.example.com", "https://APP.example.com", "https://tools.example.org:8443" })
    void loopbackAndAllowListedOriginsAreAccepted(String origin) {
        McpResponse response = client.post(client.message(1, "ping", null)).header("Origin", origin).send();

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.result().size()).isZero();
    }

    @Test
    void requestsWithoutOriginAreAccepted() {
        assertThat(client.post(client.message(1, "ping", null)).withoutHeader("Origin").send().status())
            .isEqualTo(200);
    }

    // ------------------------------------------------------------------ Accept

    @ParameterizedTest
    @ValueSource(strings = { "application/json, text/event-stream", "*/*", "application/*", "text/*",
            "text/event-stream;q=0, application/json", "application/json;q=0.5, text/event-stream;q=0.9",
            "application/json", "text/event-stream", "text/html, */*;q=0.1",
            "APPLICATION/JSON", "application/json; charset=utf-8" })
    void acceptableAcceptHeadersAreServed(String accept) {
        McpResponse response = client.post(client.message(1, "ping", null)).header("Accept", accept).send();

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.result().size()).isZero();
    }

    @Test
    void aMissingAcceptHeaderMeansAnythingIsAcceptable() {
        McpResponse response = client.post(client.message(1, "ping", null)).withoutHeader("Accept").send();

        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    @Test
    void acceptSpreadOverSeveralHeaderLinesIsRead() {
        McpResponse response = client.post(client.message(1, "ping", null))
            .header("Accept", "text/html")
            .addHeader("Accept", "application/json")
            .send();

        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/html", "application/xml", "image/*", "application/json;q=0, text/event-stream;q=0",
            "*/*;q=0", "application/*;q=0, text/*;q=0", "text/plain, application/xml;q=0.9" })
    void unacceptableAcceptHeadersAre406(String accept) {
        McpResponse response = client.post(client.message(1, "ping", null)).header("Accept", accept).send();

        JsonNode error = assertError(response, 406, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("Accept");
    }

    // ------------------------------------------------------------------ Content-Type

    @ParameterizedTest
    @ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/xml",
            "application/json-patch+json", "text/json", "multipart/form-data; boundary=x" })
    void aNonJsonContentTypeIs415(String contentType) {
        McpResponse response = client.post(client.message(1, "ping", null)).header("Content-Type", contentType)
            .send();

        JsonNode error = assertError(response, 415, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("application/json");
    }

    @Test
    void aMissingContentTypeIs415() {
        McpResponse response = client.post(client.message(1, "ping", null)).withoutHeader("Content-Type").send();

        assertError(response, 415, ErrorCodes.INVALID_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "application/json; charset=utf-8", "Application/JSON",
            "application/json;charset=UTF-8" })
    void jsonContentTypesAreAccepted(String contentType) {
        McpResponse response = client.post(client.message(1, "ping", null)).header("Content-Type", contentType)
            .send();

        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    // ------------------------------------------------------------------ body size

    @Test
    void aBodyOverTheLimitIs413() {
        McpResponse response = client.post(bodyOfSize(9 * 1024)).send();

        JsonNode error = assertError(response, 413, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("8192").contains("max-body-size");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        McpResponse response = client.post("").chunkedBody(bodyOfSize(9 * 1024)).send();

        assertError(response, 413, ErrorCodes.INVALID_REQUEST);
    }

    @Test
    void aBodyExactlyAtTheLimitIsAccepted() {
        String body = bodyOfSize(8 * 1024);

        McpResponse response = client.post(body).send();

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(text(response.result())).hasSizeGreaterThan(7000);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsAccepted() {
        McpResponse response = client.post("").chunkedBody(bodyOfSize(2 * 1024)).send();

        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    @Test
    void theSessionStillWorksAfterA413() {
        assertThat(client.post(bodyOfSize(20 * 1024)).send().status()).isEqualTo(413);

        assertThat(client.ping().status()).isEqualTo(200);
        assertThat(text(client.callTool("echo", Map.of("text", "still here")).result())).isEqualTo("still here");
    }

    /** A tools/call of echo whose UTF-8 body has exactly {@code size} bytes. */
    private String bodyOfSize(int size) {
        String prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"";
        String suffix = "\"}}}";
        return prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
    }
}
