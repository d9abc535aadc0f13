package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;

/**
 * {@code mcp.server.transport.json.*}: the JSON read constraints answer 400 / -32600 naming the property; invalid
 * UTF-8 is a 400 parse error; the body limit stays 413.
 */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.transport.max-body-size=64KB",
                "mcp.server.transport.json.max-nesting-depth=8", "mcp.server.transport.json.max-string-length=1000",
                "mcp.server.transport.json.max-number-length=20", "mcp.server.transport.json.max-name-length=50",
                "mcp.server.transport.json.max-document-length=10KB" })
class JsonLimitsHttpTests extends HttpTestSupport {

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = connected();
    }

    @Test
    void nestingWithinTheLimitIsFine() {
        // envelope (1) > params (2) > arguments (3) > text is a string: well within 8
        assertThat(text(client.callTool("echo", Map.of("text", "ok")).result())).isEqualTo("ok");
    }

    @Test
    void tooDeepNestingIs400InvalidRequestNamingTheProperty() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{\"x\":"
                + "[".repeat(10) + "]".repeat(10) + "}}}";
        assertLimit(client.post(body).send(), "max-nesting-depth");
        assertLimit(client.post("[".repeat(5_000)).send(), "max-nesting-depth");
    }

    @Test
    void aTooLongStringIs400InvalidRequest() {
        assertLimit(client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{\"x\":\""
                + "a".repeat(1001) + "\"}}}").send(), "max-string-length");
    }

    @Test
    void aTooLongNumberIs400InvalidRequest() {
        assertLimit(client.post("{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(21) + ",\"method\":\"ping\"}").send(),
                "max-number-length");
        assertLimit(client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{\"x\":1."
                + "5".repeat(30) + "}}}").send(), "max-number-length");
    }

    @Test
    void aTooLongNameIs400InvalidRequest() {
        assertLimit(client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\""
                + "n".repeat(51) + "\":1}}").send(), "max-name-length");
    }

    @Test
    void aTooLongDocumentIs400InvalidRequest() {
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            meta.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("v".repeat(20)).append('"');
        }
        assertLimit(client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{" + meta
                + "}}}").send(), "max-document-length");
    }

    @Test
    void aBodyOverTheBodyLimitIs413() {
        McpResponse response = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                + "a".repeat(70_000) + "\"}}").send();
        assertError(response, 413, ErrorCodes.INVALID_REQUEST);
        McpResponse chunked = client.post("").chunkedBody("{\"x\":\"" + "a".repeat(70_000) + "\"}").send();
        assertError(chunked, 413, ErrorCodes.INVALID_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = { "80", "ff", "fe", "c0af", "c180", "e080af", "eda080", "edbfbf", "f4908080", "f8888080",
            "e282", "f09f98", "c3", "c328" })
    void invalidUtf8IsA400ParseError(String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"a"
            .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bad);
        body.writeBytes("b\"}}}".getBytes(StandardCharsets.UTF_8));

        McpResponse response = client.post("").body(body.toByteArray()).send();

        assertErrorWithoutId(response, 400, ErrorCodes.PARSE_ERROR);
        assertThat(response.json().path("error").path("message").asString()).contains("UTF-8");
    }

    @Test
    void invalidUtf8InANameIsA400ParseError() {
        byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"\u0000X\":1}}"
            .getBytes(StandardCharsets.UTF_8);
        body[body.length - 7] = (byte) 0xC0; // overlong NUL in a property name
        body[body.length - 6] = (byte) 0x80;
        assertErrorWithoutId(client.post("").body(body).send(), 400, ErrorCodes.PARSE_ERROR);
    }

    @Test
    void aUtf16BodyIsA400ParseError() {
        byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_16);
        assertErrorWithoutId(client.post("").body(body).send(), 400, ErrorCodes.PARSE_ERROR);
    }

    @Test
    void validMultiByteUtf8RoundTrips() {
        String text = "héllo \u20ac \uD83D\uDE00 \u4E2D\u6587";
        assertThat(text(client.callTool("echo", Map.of("text", text)).result())).isEqualTo(text);
    }

    private static void assertLimit(McpResponse response, String property) {
        assertErrorWithoutId(response, 400, ErrorCodes.INVALID_REQUEST);
        assertThat(response.json().path("error").path("message").asString())
            .contains("mcp.server.transport.json." + property);
    }
}
