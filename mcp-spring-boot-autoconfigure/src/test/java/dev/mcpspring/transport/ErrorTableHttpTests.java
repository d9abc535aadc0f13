package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The message-level rows of the error table (DESIGN.md): parse errors, invalid JSON-RPC, unknown methods, bad
 * params, failing tools, sessions. Every refusal has the exact status, the exact code, a message, and no
 * implementation detail.
 */
@McpHttpTest
class ErrorTableHttpTests extends HttpTestSupport {

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = connected();
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "{", "{\"jsonrpc\":\"2.0\",", "[1,", "\"unterminated", "{'single':1}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} trailing", "" })
    void aBodyThatIsNotJsonIs400ParseErrorWithNullId(String body) {
        McpResponse response = client.post(body).send();

        assertErrorWithoutId(response, 400, ErrorCodes.PARSE_ERROR);
    }

    /** A body per row, {@code <NL>} standing for a line break, and what its error message must say. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"id":1,"x":NaN}          | Non-standard token 'NaN' at line 1, column 16
            /* hi */ {}               | maybe a (non-standard) comment? at line 1, column 1
            {"id":+1}                 | JSON spec does not allow numbers to have plus signs at line 1, column 8
            {"a":1,<NL>"b":"\\q"}      | Unrecognized character escape 'q' (code 113) at line 2
            {"a":1} {"b":2}           | Parse error: the message is not valid JSON (more follows the first JSON value)
            """)
    void aParseErrorSaysWhatAndWhereWithoutTheParsersFeatureNames(String body, String expected) {
        McpResponse response = client.post(body.replace("<NL>", "\n")).send();

        assertErrorWithoutId(response, 400, ErrorCodes.PARSE_ERROR);
        assertThat(response.json().path("error").path("message").asString()).contains(expected)
            .doesNotContain("Feature", "enable", "`");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
            "{\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":[]}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":\"x\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":null}",
            "{\"jsonrpc\":\"2.0\",\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"broken\"}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\",\"params\":[1]}",
            "{\"jsonrpc\":\"2.0\"}",
            "\"just a string\"", "42", "null", "true", "{}" })
    void aMessageThatIsNotValidJsonRpcIs400InvalidRequest(String body) {
        McpResponse response = client.post(body).send();

        assertError(response, 400, ErrorCodes.INVALID_REQUEST);
    }

    /** A response's id is one of the server's: an error naming it could be matched with a request of the client. */
    @ParameterizedTest
    @ValueSource(strings = { "{\"jsonrpc\":\"2.0\",\"id\":\"s-1\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"error\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}" })
    void aMalformedResponseIsRefusedWithoutItsId(String body) {
        assertErrorWithoutId(client.post(body).send(), 400, ErrorCodes.INVALID_REQUEST);
    }

    @Test
    void deeplyNestedJsonIsRefusedCleanly() {
        String nested = "[".repeat(3000) + "]".repeat(3000);

        McpResponse response = client.post(nested).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("code").asInt())
            .isIn(ErrorCodes.PARSE_ERROR, ErrorCodes.INVALID_REQUEST);
        assertNoLeaks(response);
    }

    @Test
    void aNumberTooLongToParseIsRefusedCleanly() {
        McpResponse response = client.post("{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(5000)
                + ",\"method\":\"ping\"}").send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("code").asInt())
            .isIn(ErrorCodes.PARSE_ERROR, ErrorCodes.INVALID_REQUEST);
        assertNoLeaks(response);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":\"all\"} | capabilities",
            "{\"protocolVersion\":\"2025-06-18\",\"clientInfo\":[\"x\"]}   | clientInfo",
            "{\"protocolVersion\":{\"v\":1}}                                 | protocolVersion" })
    void malformedInitializeParamsAreInvalidParamsNamingTheFieldWithoutInternals(String params, String field) {
        McpTestClient fresh = client();

        McpResponse response = fresh.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + params + "}").send();

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains(field);
        assertThat(response.sessionId()).isEmpty();
    }

    @Test
    void anInvalidIdIsNotEchoed() {
        McpResponse response = client.post("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}").send();

        JsonNode error = assertErrorWithoutId(response, 400, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("id");
    }

    @Test
    void anUnknownMethodIsAJsonRpcErrorNamingIt() {
        McpResponse response = client.request(5, "resources/teleport", null);

        JsonNode error = assertRpcError(response, ErrorCodes.METHOD_NOT_FOUND);
        assertThat(error.path("message").asString()).contains("resources/teleport");
        assertThat(response.response().path("id").asInt()).isEqualTo(5);
    }

    @Test
    void completionsOfAServerThatOffersNoneAreMethodNotFound() {
        McpResponse response = client.request(6, "completion/complete", Map.of("ref",
                Map.of("type", "ref/prompt", "name", "p"), "argument", Map.of("name", "a", "value", "b")));

        JsonNode error = assertRpcError(response, ErrorCodes.METHOD_NOT_FOUND);
        assertThat(error.path("message").asString()).contains("completions capability");
        assertThat(client.newClient().initialize().result().path("capabilities").has("completions")).isFalse();
    }

    @Test
    void anUnknownToolIsInvalidParamsNamingIt() {
        McpResponse response = client.callTool("no_such_tool", Map.of());

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains("Unknown tool").contains("no_such_tool");
    }

    @Test
    void toolsCallWithoutNameIsInvalidParams() {
        McpResponse response = client.request("tools/call", Map.of("arguments", Map.of()));

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains("name");
    }

    @Test
    void toolsCallWithoutParamsIsInvalidParams() {
        assertRpcError(client.request("tools/call", null), ErrorCodes.INVALID_PARAMS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "{\"name\":\"echo\",\"arguments\":[1,2]}      | arguments",
            "{\"name\":\"echo\",\"arguments\":\"text\"}                                 | arguments",
            "{\"name\":{\"n\":1}}                                                     | name",
            "{\"name\":[\"echo\"]}                                                    | name" })
    void malformedToolsCallParamsAreInvalidParamsNamingTheFieldWithoutInternals(String params, String field) {
        McpResponse response = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                + params + "}").send();

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains(field);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"cursor\":{\"x\":1}}", "{\"cursor\":[\"a\"]}" })
    void malformedCursorsAreInvalidParamsWithoutInternals(String params) {
        McpResponse response = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":"
                + params + "}").send();

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains("cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-cursor", "YWZ0ZXI", "Zm9vOmJhcg", "%%%" })
    void anInvalidCursorIsInvalidParams(String cursor) {
        McpResponse response = client.listTools(cursor);

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).containsIgnoringCase("cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"level\":\"verbose\"}", "{}", "{\"level\":3}" })
    void anInvalidLogLevelIsInvalidParams(String params) {
        McpResponse response = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\","
                + "\"params\":" + params + "}").send();

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains("level");
    }

    @Test
    void aToolThatThrowsGivesAnErrorResultNotAProtocolError() {
        McpResponse response = client.callTool("boom", Map.of());

        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.result();
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("content").path(0).path("type").asString()).isEqualTo("text");
        // the tool's own message tells the model what went wrong; the exception type and stack stay in the log
        assertThat(text(result)).isEqualTo("Tool 'boom' failed: " + TestTools.BOOM_MESSAGE);
        assertNoLeaks(response);
    }

    @Test
    void aToolThatThrowsAProtocolErrorGivesThatError() {
        McpResponse response = client.callTool("reject", Map.of());

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).isEqualTo("reject: the argument 'value' must be positive");
    }

    @Test
    void aMissingSessionIdIs400() {
        McpResponse response = client.post(client.message(1, "tools/list", null))
            .withoutHeader(McpTestClient.SESSION_HEADER)
            .send();

        JsonNode error = assertError(response, 400, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("Mcp-Session-Id");
    }

    @Test
    void aBlankSessionIdIs400() {
        McpResponse response = client.post(client.message(1, "tools/list", null))
            .header(McpTestClient.SESSION_HEADER, " ")
            .send();

        assertError(response, 400, ErrorCodes.INVALID_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = { "unknown", "AAAAAAAAAAAAAAAAAAAAAAAA", "x" })
    void anUnknownSessionIdIs404(String sessionId) {
        McpResponse response = client.post(client.message(1, "tools/list", null))
            .header(McpTestClient.SESSION_HEADER, sessionId)
            .send();

        JsonNode error = assertError(response, 404, StreamableHttpServlet.SESSION_NOT_FOUND);
        assertThat(error.path("message").asString()).contains("initialize");
    }

    @Test
    void theSessionHeaderNameIsCaseInsensitive() {
        McpResponse response = client.post(client.message(1, "ping", null))
            .withoutHeader(McpTestClient.SESSION_HEADER)
            .header("MCP-SESSION-ID", client.sessionId())
            .send();

        assertThat(response.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1999-01-01", "2099-01-01", "latest", "2025-11-25T00:00", "2024-11-05" })
    void anUnsupportedProtocolVersionHeaderIs400WithTheSupportedVersions(String version) {
        McpResponse response = client.post(client.message(1, "ping", null))
            .header(McpTestClient.VERSION_HEADER, version)
            .send();

        JsonNode error = assertError(response, 400, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(error.path("message").asString()).contains("Unsupported protocol version '" + version + "'");
        assertThat(error.path("data").path("requested").asString()).isEqualTo(version);
        assertThat(error.path("data").path("supported").values()).extracting(JsonNode::asString)
            .containsExactly("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26");
        assertThat(response.json().path("id").asInt()).isEqualTo(1);
    }

    @Test
    void aModernVersionHeaderOnASessionRequestIsServedAsAModernRequest() {
        McpResponse response = client.post(client.message(1, "ping", null))
            .header(McpTestClient.VERSION_HEADER, "2026-07-28")
            .send();

        JsonNode error = assertError(response, 400, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains("params._meta");
    }

    @Test
    void anUnsupportedProtocolVersionHeaderOnInitializeIs400() {
        McpTestClient fresh = client();
        McpResponse response = fresh.post(fresh.message(1, "initialize", Map.of("protocolVersion", "2025-06-18",
                "capabilities", Map.of(), "clientInfo", Map.of("name", "c", "version", "1"))))
            .header(McpTestClient.VERSION_HEADER, "2000-01-01")
            .send();

        assertError(response, 400, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(response.sessionId()).isEmpty();
    }

    @Test
    void aProtocolVersionHeaderThatContradictsTheSessionIs400() {
        McpResponse response = client.post(client.message(1, "ping", null))
            .header(McpTestClient.VERSION_HEADER, "2025-06-18")
            .send();

        JsonNode error = assertError(response, 400, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("2025-06-18").contains("2025-11-25");
    }

    @Test
    void otherHttpMethodsAre405WithAllow() {
        McpResponse response = client.exchange("PUT").body("{}").header("Content-Type", "application/json").send();

        assertError(response, 405, ErrorCodes.INVALID_REQUEST);
        assertThat(response.header("Allow")).hasValueSatisfying(
                allow -> assertThat(allow).contains("GET").contains("POST").contains("DELETE"));
    }

    @Test
    void deleteWithoutSessionIs400() {
        McpResponse response = client.exchange("DELETE").withoutHeader(McpTestClient.SESSION_HEADER).send();

        assertError(response, 400, ErrorCodes.INVALID_REQUEST);
    }

    @Test
    void aResponseFromTheClientThatAnswersNothingIsAcceptedWith202() {
        McpResponse response = client.post("{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"result\":{}}").send();

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
    }
}
