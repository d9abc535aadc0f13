package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.server.internal.HandlerExecutors;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** The session lifecycle over real HTTP: initialize, initialized, ping, tools, logging level, DELETE. */
@McpHttpTest
class LifecycleHttpTests extends HttpTestSupport {

    @Autowired
    SessionManager sessions;

    @ParameterizedTest
    @ValueSource(strings = { "2025-03-26", "2025-06-18", "2025-11-25" })
    void initializeNegotiatesEverySupportedVersion(String version) {
        McpTestClient client = client();
        McpResponse response = client.initialize(version);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isJson()).as("%s", response).isTrue();
        JsonNode message = response.json();
        assertThat(message.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(message.path("id").asLong()).isEqualTo(1);
        JsonNode result = response.result();
        assertThat(result.path("protocolVersion").asString()).isEqualTo(version);
        assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("test-server");
        assertThat(result.path("serverInfo").path("title").asString()).isEqualTo("Test Server");
        assertThat(result.path("serverInfo").path("version").asString()).isEqualTo("9.9.9");
        assertThat(result.path("instructions").asString()).isEqualTo("Call echo to repeat text.");
        assertThat(result.path("capabilities").has("tools")).as("tools capability in %s", result).isTrue();
        assertThat(result.path("capabilities").path("tools").isObject()).isTrue();

        String sessionId = response.sessionId().orElseThrow();
        assertThat(sessionId).hasSizeGreaterThanOrEqualTo(22).matches("[\\x21-\\x7E]+");
        assertThat(client.sessionId()).isEqualTo(sessionId);
        assertThat(client.protocolVersion()).isEqualTo(version);
        assertThat(sessions.find(sessionId)).hasValueSatisfying(
                session -> assertThat(session.protocolVersion()).isEqualTo(version));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-07-28", "2099-01-01", "2024-11-05", "not-a-version" })
    void initializeWithAnUnsupportedVersionAnswersTheLatest(String requested) {
        McpResponse response = client().initialize(requested);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result().path("protocolVersion").asString()).isEqualTo("2025-11-25");
        assertThat(response.sessionId()).isPresent();
    }

    @Test
    void initializeAnsweredAsSseCarriesTheSessionIdToo() {
        McpTestClient client = client();
        McpResponse response = client.post(client.message(1, "initialize", Map.of("protocolVersion", "2025-06-18",
                "capabilities", Map.of(), "clientInfo", Map.of("name", "sse-only", "version", "1"))))
            .header("Accept", "text/event-stream")
            .send();

        assertThat(response.isSse()).as("%s", response).isTrue();
        assertThat(response.result().path("protocolVersion").asString()).isEqualTo("2025-06-18");
        String sessionId = response.sessionId().orElseThrow();
        assertThat(sessions.find(sessionId)).isPresent();
        assertThat(client.sessionId(sessionId).protocolVersion("2025-06-18").ping().status()).isEqualTo(200);
    }

    @Test
    void initializeRemembersClientInfoAndTheNegotiatedVersionForLaterRequests() {
        McpTestClient client = connected("2025-06-18");

        JsonNode who = whoami(client);
        assertThat(who.path("protocolVersion").asString()).isEqualTo("2025-06-18");
        assertThat(who.path("sessionId").asString()).isEqualTo(client.sessionId());
        assertThat(who.path("clientName").asString()).isEqualTo("mcp-test-client");
    }

    @Test
    void handlersRunOnTheHandlerExecutorNotOnAContainerThread() {
        String thread = whoami(connected()).path("thread").asString();

        assertThat(thread).doesNotStartWith("http-nio").doesNotContain("exec");
        if (!HandlerExecutors.virtualThreadsAvailable()) {
            assertThat(thread).startsWith("mcp-handler-");
        }
    }

    @Test
    void eachInitializeCreatesADistinctSession() {
        String first = client().initialize().sessionId().orElseThrow();
        String second = client().initialize().sessionId().orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void initializedNotificationIsAcceptedWith202AndNoBody() {
        McpTestClient client = client();
        client.initialize();

        McpResponse response = client.notify("notifications/initialized", null);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void anyNotificationIsAcceptedWith202EvenWhenUnknown() {
        McpTestClient client = connected();

        McpResponse response = client.notify("notifications/something_new", Map.of("x", 1));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void pingAnswersAnEmptyResult() {
        McpTestClient client = connected();

        McpResponse response = client.request("ping-1", "ping", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isJson()).isTrue();
        assertThat(response.response().path("id").asString()).isEqualTo("ping-1");
        assertThat(response.result().isObject()).isTrue();
        assertThat(response.result().size()).isZero();
    }

    @Test
    void toolsListReturnsEveryToolInNameOrder() {
        McpTestClient client = connected();

        McpResponse response = client.listTools(null);

        JsonNode result = response.result();
        List<String> names = result.path("tools").valueStream().map(tool -> tool.path("name").asString()).toList();
        assertThat(names).containsExactly("boom", "echo", "gate", "log", "progress", "reject", "slow", "whoami");
        assertThat(result.has("nextCursor")).isFalse();
        JsonNode echo = result.path("tools").path(1);
        assertThat(echo.path("description").asString()).isEqualTo("Returns the text it is given");
        assertThat(echo.path("inputSchema").path("type").asString()).isEqualTo("object");
        assertThat(echo.path("inputSchema").path("required").path(0).asString()).isEqualTo("text");
    }

    @Test
    void toolsCallReturnsTheToolResult() {
        McpTestClient client = connected();

        McpResponse response = client.callTool("echo", Map.of("text", "hello, world"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isJson()).isTrue();
        JsonNode result = response.result();
        assertThat(result.path("content").size()).isEqualTo(1);
        assertThat(result.path("content").path(0).path("type").asString()).isEqualTo("text");
        assertThat(text(result)).isEqualTo("hello, world");
        assertThat(result.path("isError").asBoolean(false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-03-26", "2025-06-18", "2025-11-25" })
    void theWholeLifecycleWorksForEveryVersion(String version) {
        McpTestClient client = connected(version);

        assertThat(client.ping().result().size()).isZero();
        assertThat(client.listTools(null).result().path("tools").size()).isEqualTo(8);
        assertThat(text(client.callTool("echo", Map.of("text", version)).result())).isEqualTo(version);
        assertThat(client.deleteSession().status()).isEqualTo(200);
    }

    @Test
    void version20250326SessionsWorkWithoutTheVersionHeader() {
        McpTestClient client = connected("2025-03-26");
        client.protocolVersion(null);

        McpResponse response = client.callTool("echo", Map.of("text", "old client"));

        assertThat(text(response.result())).isEqualTo("old client");
    }

    @Test
    void laterVersionsMayOmitTheVersionHeaderAndTheSessionVersionApplies() {
        McpTestClient client = connected("2025-06-18");
        client.protocolVersion(null);

        assertThat(whoami(client).path("protocolVersion").asString()).isEqualTo("2025-06-18");
    }

    @Test
    void loggingSetLevelFiltersLogMessagesOfTheSession() {
        McpTestClient client = connected();

        McpResponse debugBeforeSetLevel = client.callTool("log", Map.of("level", "debug", "message", "m1"));
        assertThat(debugBeforeSetLevel.isSse()).as("%s", debugBeforeSetLevel).isTrue();

        McpResponse setLevel = client.request("logging/setLevel", Map.of("level", "warning"));
        assertThat(setLevel.result().size()).isZero();

        McpResponse info = client.callTool("log", Map.of("level", "info", "message", "m2"));
        assertThat(info.isJson()).as("%s", info).isTrue();
        assertThat(info.notifications()).isEmpty();
        assertThat(text(info.result())).isEqualTo("logged");

        McpResponse error = client.callTool("log", Map.of("level", "error", "message", "m3"));
        assertThat(error.isSse()).as("%s", error).isTrue();
        assertThat(error.notifications()).singleElement().satisfies(notification -> {
            assertThat(notification.path("method").asString()).isEqualTo("notifications/message");
            assertThat(notification.path("params").path("level").asString()).isEqualTo("error");
            assertThat(notification.path("params").path("logger").asString()).isEqualTo("test-logger");
            assertThat(notification.path("params").path("data").path("message").asString()).isEqualTo("m3");
        });
    }

    @Test
    void requestsBeforeInitializeAreRefusedWithAClearError() {
        McpTestClient client = client();

        for (McpResponse response : List.of(client.listTools(null), client.callTool("echo", Map.of("text", "x")),
                client.ping())) {
            JsonNode error = assertError(response, 400, ErrorCodes.INVALID_REQUEST);
            assertThat(error.path("message").asString()).contains("Mcp-Session-Id").contains("initialize");
        }
    }

    @Test
    void aSecondInitializeOnASessionIsAnError() {
        McpTestClient client = connected("2025-06-18");
        String sessionId = client.sessionId();
        int before = sessions.sessionCount();

        McpResponse again = client.post(client.message(99, "initialize",
                Map.of("protocolVersion", "2025-11-25", "capabilities", Map.of(), "clientInfo",
                        Map.of("name", "again", "version", "1"))))
            .send();

        assertThat(again.sessionId()).as("no new session may be handed out: %s", again).isEmpty();
        assertThat(sessions.sessionCount()).isEqualTo(before);
        if (again.status() == 200) {
            assertThat(again.errorCode()).isEqualTo(ErrorCodes.INVALID_REQUEST);
            assertThat(again.errorMessage()).contains("already initialized");
        }
        else {
            assertError(again, 400, ErrorCodes.INVALID_REQUEST);
        }
        assertThat(whoami(client).path("protocolVersion").asString())
            .as("the session keeps its version").isEqualTo("2025-06-18");
        assertThat(client.sessionId()).isEqualTo(sessionId);
    }

    @Test
    void aFailedInitializeLeavesNoSessionBehind() {
        int before = sessions.sessionCount();

        McpResponse response = client().post(client().message(1, "initialize", Map.of("capabilities", Map.of())))
            .send();

        JsonNode error = assertRpcError(response, ErrorCodes.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains("protocolVersion");
        assertThat(response.sessionId()).isEmpty();
        assertThat(sessions.sessionCount()).isEqualTo(before);
    }

    @Test
    void deleteEndsTheSessionAndLaterRequestsGet404() {
        McpTestClient client = connected();
        String sessionId = client.sessionId();

        McpResponse delete = client.deleteSession();

        assertThat(delete.status()).isEqualTo(200);
        assertThat(sessions.find(sessionId)).isEmpty();
        assertError(client.ping(), 404, StreamableHttpServlet.SESSION_NOT_FOUND);
        assertError(client.deleteSession(), 404, StreamableHttpServlet.SESSION_NOT_FOUND);
        assertError(client.get().send(), 404, StreamableHttpServlet.SESSION_NOT_FOUND);
    }

    @Test
    void aNewInitializeAfter404StartsAFreshSession() {
        McpTestClient client = connected();
        String old = client.sessionId();
        client.deleteSession();

        client.resetSession();
        client.connect();

        assertThat(client.sessionId()).isNotEqualTo(old);
        assertThat(client.ping().status()).isEqualTo(200);
    }

    static JsonNode whoami(McpTestClient client) {
        return client.mapper().readTree(text(client.callTool("whoami", Map.of()).result()));
    }
}
