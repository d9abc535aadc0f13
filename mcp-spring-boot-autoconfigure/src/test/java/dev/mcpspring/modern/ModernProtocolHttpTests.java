package dev.mcpspring.modern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stateless revision (2026-07-28) on the endpoint that also serves sessions: per-request {@code _meta},
 * {@code server/discover}, the fields every result carries, the errors of the revision with their HTTP statuses,
 * the headers a client mirrors from the body, and log messages only on request.
 */
@SpringBootTest(classes = { ModernTestApplication.class, ModernTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.name=modern-test-server", "mcp.server.version=2.0.0",
                "mcp.server.instructions=Use echo to echo", "mcp.server.caching.list-ttl=5m",
                "mcp.server.caching.read-scope=public" })
class ModernProtocolHttpTests {

    @LocalServerPort
    int port;

    @Test
    void discoverListsTheVersionsCapabilitiesAndIdentityWithCachingHints() {
        McpResponse response = new ModernClient(port).discover();

        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.result();
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
        assertThat(result.path("supportedVersions").values()).extracting(JsonNode::asString)
            .containsExactly("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26");
        assertThat(result.path("capabilities").path("tools").path("listChanged").asBoolean()).isTrue();
        assertThat(result.path("instructions").asString()).isEqualTo("Use echo to echo");
        JsonNode serverInfo = result.path("_meta").path("io.modelcontextprotocol/serverInfo");
        assertThat(serverInfo.path("name").asString()).isEqualTo("modern-test-server");
        assertThat(serverInfo.path("version").asString()).isEqualTo("2.0.0");
        assertThat(result.path("ttlMs").asLong()).isEqualTo(300_000);
        assertThat(result.path("cacheScope").asString()).isEqualTo("public");
        assertThat(response.sessionId()).isEmpty();
    }

    @Test
    void aToolCallNeedsNoSessionAndItsResultSaysItIsComplete() {
        McpResponse response = new ModernClient(port).callTool("echo", Map.of("text", "hi"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isJson()).isTrue();
        assertThat(response.result().path("content").path(0).path("text").asString()).isEqualTo("hi");
        assertThat(response.result().path("resultType").asString()).isEqualTo("complete");
        assertThat(response.result().has("ttlMs")).isFalse();
        assertThat(response.result().path("_meta").has("io.modelcontextprotocol/serverInfo")).isTrue();
        assertThat(response.sessionId()).isEmpty();
    }

    @Test
    void listsAndReadsCarryTheConfiguredCachingHints() {
        ModernClient client = new ModernClient(port).capabilities(Map.of("roots", Map.of()));
        JsonNode tools = client.request("tools/list", Map.of()).result();
        assertThat(tools.path("ttlMs").asLong()).isEqualTo(300_000);
        assertThat(tools.path("cacheScope").asString()).isEqualTo("public");
        assertThat(tools.path("tools").values()).extracting(tool -> tool.path("name").asString())
            .contains("echo", "ask_name");

        JsonNode asked = client.request("resources/read", Map.of("uri", "modern://roots")).result();
        assertThat(asked.path("resultType").asString()).isEqualTo("input_required");
        assertThat(asked.has("ttlMs")).isFalse();
        JsonNode read = client.request("resources/read", Map.of("uri", "modern://roots", "inputResponses",
                Map.of("roots-1", Map.of("roots", List.of())), "requestState", asked.path("requestState").asString()))
            .result();
        assertThat(read.path("contents").path(0).path("text").asString()).isEqualTo("[]");
        assertThat(read.path("ttlMs").asLong()).as("a retry's result is never reused").isZero();
        assertThat(read.path("cacheScope").asString()).isEqualTo("private");
    }

    @Test
    void aRequestWithoutMetaIs400InvalidParams() {
        ModernClient client = new ModernClient(port);
        McpResponse response = client.post("tools/list", client.http().mapper().createObjectNode()).send();

        assertError(response, 400, ErrorCodes.INVALID_PARAMS, "params._meta");
    }

    @Test
    void aRequestWithoutClientCapabilitiesIs400InvalidParams() {
        ModernClient client = new ModernClient(port);
        ObjectNode params = client.params(Map.of());
        ((ObjectNode) params.get("_meta")).remove("io.modelcontextprotocol/clientCapabilities");

        assertError(client.post("tools/list", params).send(), 400, ErrorCodes.INVALID_PARAMS, "clientCapabilities");
    }

    @Test
    void anUnsupportedVersionIs400WithTheSupportedOnesAndTheRequestId() {
        ModernClient client = new ModernClient(port);
        ObjectNode params = client.params(Map.of());
        ((ObjectNode) params.get("_meta")).put("io.modelcontextprotocol/protocolVersion", "2099-01-01");
        McpResponse response = client.post("server/discover", params).header("MCP-Protocol-Version", "2099-01-01")
            .send();

        JsonNode error = assertError(response, 400, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, "2099-01-01");
        assertThat(error.path("data").path("requested").asString()).isEqualTo("2099-01-01");
        assertThat(error.path("data").path("supported").path(0).asString()).isEqualTo("2026-07-28");
        assertThat(response.json().path("id").isNull()).isFalse();
    }

    @Test
    void aSessionEraVersionPerRequestIsUnsupportedSayingThatItNeedsAnInitialize() {
        ModernClient client = new ModernClient(port);
        ObjectNode params = client.params(Map.of());
        ((ObjectNode) params.get("_meta")).put("io.modelcontextprotocol/protocolVersion", "2025-11-25");
        McpResponse response = client.post("tools/list", params).header("MCP-Protocol-Version", "2025-11-25").send();

        JsonNode error = assertError(response, 400, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
                "2025-11-25 is spoken in a session that an initialize request starts");
        assertThat(error.path("data").path("requested").asString()).isEqualTo("2025-11-25");
    }

    @Test
    void aVersionHeaderThatContradictsTheBodyIs400HeaderMismatch() {
        ModernClient client = new ModernClient(port);
        ObjectNode params = client.params(Map.of());
        ((ObjectNode) params.get("_meta")).put("io.modelcontextprotocol/protocolVersion", "v999.0.0");

        assertError(client.post("server/discover", params).send(), 400, ErrorCodes.HEADER_MISMATCH,
                "MCP-Protocol-Version");
    }

    @Test
    void missingOrContradictingMethodAndNameHeadersAre400HeaderMismatch() {
        ModernClient client = new ModernClient(port);
        JsonNode call = client.params(Map.of("name", "echo", "arguments", Map.of("text", "x")));

        assertError(client.post("tools/call", call).withoutHeader("Mcp-Method").send(), 400,
                ErrorCodes.HEADER_MISMATCH, "Mcp-Method header is required");
        assertError(client.post("tools/call", call).header("Mcp-Method", "tools/list").send(), 400,
                ErrorCodes.HEADER_MISMATCH, "does not match");
        assertError(client.post("tools/call", call).withoutHeader("Mcp-Name").send(), 400,
                ErrorCodes.HEADER_MISMATCH, "Mcp-Name header is required");
        assertError(client.post("tools/call", call).header("Mcp-Name", "ask_name").send(), 400,
                ErrorCodes.HEADER_MISMATCH, "'ask_name' does not match body value 'echo'");
        assertThat(client.post("tools/call", call).header("Mcp-Name", "=?base64?ZWNobw==?=").send().status())
            .isEqualTo(200);
    }

    @Test
    void aHeaderMismatchNamesALongBodyValueByItsBeginningNotWhole() {
        ModernClient client = new ModernClient(port);
        String longName = "n".repeat(100_000);
        JsonNode call = client.params(Map.of("name", longName, "arguments", Map.of()));

        McpResponse response = client.post("tools/call", call).header("Mcp-Name", "echo").send();
        assertError(response, 400, ErrorCodes.HEADER_MISMATCH,
                "does not match body value '" + "n".repeat(100) + "... (100000 characters)'");
        assertThat(response.body().length()).isLessThan(1_000);
    }

    @Test
    void aMirroredHeaderSentTwiceIs400HeaderMismatchEvenWhenAValueMatches() {
        ModernClient client = new ModernClient(port);
        JsonNode call = client.params(Map.of("name", "echo", "arguments", Map.of("text", "x")));

        assertError(client.post("tools/call", call).addHeader("Mcp-Name", "ask_name").send(), 400,
                ErrorCodes.HEADER_MISMATCH, "the Mcp-Name header appears more than once");
        assertError(client.post("tools/call", call).addHeader("Mcp-Method", "tools/call").send(), 400,
                ErrorCodes.HEADER_MISMATCH, "the Mcp-Method header appears more than once");
        assertError(client.post("tools/call", call).addHeader("MCP-Protocol-Version", "2025-11-25").send(), 400,
                ErrorCodes.HEADER_MISMATCH, "the MCP-Protocol-Version header appears more than once");
    }

    @Test
    void aBatchOfModernRequestsIs400InvalidRequestSayingSo() {
        ModernClient client = new ModernClient(port);
        String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":"
                + client.params(Map.of()) + "}";

        assertError(client.post("tools/list", client.params(Map.of())).body("[" + request + "]").send(), 400,
                ErrorCodes.INVALID_REQUEST, "one JSON-RPC message per request, not a batch");
    }

    @Test
    void aNameThatIsNoStringInTheBodyIs400HeaderMismatchNamingItsType() {
        ModernClient client = new ModernClient(port);

        assertError(client.post("tools/call", client.params(Map.of("name", Map.of("a", 1)))).header("Mcp-Name", "echo")
            .send(), 400, ErrorCodes.HEADER_MISMATCH, "does not match body value (a JSON object, not a string)");
        assertError(client.post("prompts/get", client.params(Map.of("name", List.of("greeting"))))
            .header("Mcp-Name", "greeting")
            .send(), 400, ErrorCodes.HEADER_MISMATCH, "(a JSON array, not a string) (params.name)");
        assertError(client.post("tasks/get", client.params(Map.of("taskId", 7))).header("Mcp-Name", "7").send(), 400,
                ErrorCodes.HEADER_MISMATCH, "(a JSON number, not a string) (params.taskId)");
    }

    @Test
    void parameterHeadersAreRequiredAndCheckedAgainstTheArguments() {
        ModernClient client = new ModernClient(port);
        JsonNode call = client.params(Map.of("name", "routed", "arguments",
                Map.of("region", "eu-west", "priority", 3, "query", "q")));

        McpResponse ok = client.post("tools/call", call).header("Mcp-Param-Region", "eu-west")
            .header("Mcp-Param-Priority", "3.0")
            .send();
        assertThat(ok.result().path("content").path(0).path("text").asString()).isEqualTo("q@eu-west/3");
        assertError(client.post("tools/call", call).header("Mcp-Param-Region", "eu-west").send(), 400,
                ErrorCodes.HEADER_MISMATCH, "Mcp-Param-Priority header is required");
        assertError(client.post("tools/call", call).header("Mcp-Param-Region", "us-east")
            .header("Mcp-Param-Priority", "3")
            .send(), 400, ErrorCodes.HEADER_MISMATCH, "Mcp-Param-Region header value 'us-east'");
        assertError(client.post("tools/call", call).header("Mcp-Param-Region", "=?base64?ZXUtd2VzdA?=")
            .header("Mcp-Param-Priority", "3")
            .send(), 400, ErrorCodes.HEADER_MISMATCH, "Base64");

        JsonNode withoutPriority = client.params(Map.of("name", "routed", "arguments",
                Map.of("region", "eu-west", "query", "q")));
        assertThat(client.post("tools/call", withoutPriority).header("Mcp-Param-Region", "eu-west").send().status())
            .isEqualTo(200);
    }

    @Test
    void theToolListShowsWhichArgumentsAreMirroredIntoHeaders() {
        JsonNode tools = new ModernClient(port).request("tools/list", Map.of()).result().path("tools");
        JsonNode routed = tools.values().stream().filter(tool -> tool.path("name").asString().equals("routed"))
            .findFirst().orElseThrow();

        assertThat(routed.path("inputSchema").path("properties").path("region").path("x-mcp-header").asString())
            .isEqualTo("Region");
        assertThat(routed.path("inputSchema").path("properties").path("query").has("x-mcp-header")).isFalse();
    }

    @Test
    void methodsTheRevisionRemovedAre404MethodNotFound() {
        ModernClient client = new ModernClient(port);
        for (String method : List.of("initialize", "ping", "logging/setLevel", "resources/subscribe", "nope/nope")) {
            assertError(client.request(method, Map.of()), 404, ErrorCodes.METHOD_NOT_FOUND, method);
        }
    }

    @Test
    void getAndDeleteWithAModernVersionAre405() {
        McpTestClient http = new ModernClient(port).http();
        assertThat(http.get().header("MCP-Protocol-Version", "2026-07-28").send().status()).isEqualTo(405);
        assertThat(http.exchange("DELETE").header("MCP-Protocol-Version", "2026-07-28").send().status())
            .isEqualTo(405);
    }

    @Test
    void aResourceThatDoesNotExistIsInvalidParams() {
        assertError(new ModernClient(port).request("resources/read", Map.of("uri", "modern://nothing")), 200,
                ErrorCodes.INVALID_PARAMS, "Resource not found");
    }

    @Test
    void logMessagesGoOnTheRequestsOwnStreamOnlyWhenItAskedForThemAtTheirLevel() {
        ModernClient quiet = new ModernClient(port);
        McpResponse withoutLevel = quiet.post("tools/call", quiet.callWithProgressToken("logs")).send();
        assertThat(withoutLevel.notifications()).extracting(n -> n.path("method").asString())
            .containsExactly("notifications/progress");

        ModernClient chatty = new ModernClient(port).logLevel("info");
        McpResponse withLevel = chatty.post("tools/call", chatty.callWithProgressToken("logs")).send();
        assertThat(withLevel.isSse()).isTrue();
        assertThat(withLevel.notifications()).extracting(n -> n.path("params").path("data").asString(""))
            .containsExactly("info message", "error message", "");
        assertThat(withLevel.result().path("content").path(0).path("text").asString()).isEqualTo("logged");
    }

    @Test
    void progressThatDoesNotIncreaseIsNotSent() {
        ModernClient client = new ModernClient(port);
        McpResponse response = client.post("tools/call", client.callWithProgressToken("uneven_progress")).send();

        assertThat(response.notifications()).extracting(n -> n.path("params").path("progress").asDouble())
            .containsExactly(1.0, 2.0, 3.0);
        assertThat(response.result().path("content").path(0).path("text").asString()).isEqualTo("done");
    }

    @Test
    void aLegacySessionAndModernRequestsShareTheEndpoint() {
        McpTestClient legacy = McpTestClient.create(port);
        legacy.connect();
        ModernClient modern = new ModernClient(port);

        assertThat(legacy.callTool("echo", Map.of("text", "old")).result().path("content").path(0).path("text")
            .asString()).isEqualTo("old");
        assertThat(modern.callTool("echo", Map.of("text", "new")).result().path("content").path(0).path("text")
            .asString()).isEqualTo("new");
        assertThat(legacy.callTool("echo", Map.of("text", "old")).result().has("resultType")).isFalse();
        // a modern request carrying the session's header is still served without it
        McpResponse modernWithSession = modern.post("tools/call", modern.params(Map.of("name", "echo", "arguments",
                Map.of("text", "x")))).header(McpTestClient.SESSION_HEADER, legacy.sessionId()).send();
        assertThat(modernWithSession.result().path("resultType").asString()).isEqualTo("complete");
    }

    static JsonNode assertError(McpResponse response, int status, int code, String messagePart) {
        assertThat(response.status()).as("HTTP status of %s", response).isEqualTo(status);
        assertThat(response.errorCode()).as("JSON-RPC code of %s", response).isEqualTo(code);
        assertThat(response.errorMessage()).contains(messagePart);
        return response.error();
    }
}
