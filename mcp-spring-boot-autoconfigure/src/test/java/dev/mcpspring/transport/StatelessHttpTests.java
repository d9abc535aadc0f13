package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.annotation.Library;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code mcp.server.session.stateless=true}: no session ids, every POST stands alone, no GET or DELETE. */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class, Library.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.server.session.stateless=true")
class StatelessHttpTests extends HttpTestSupport {

    @Autowired
    SessionManager sessions;

    @Test
    void initializeReturnsNoSessionId() {
        McpTestClient client = client();

        McpResponse response = client.initialize("2025-06-18");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result().path("protocolVersion").asString()).isEqualTo("2025-06-18");
        assertThat(response.sessionId()).isEmpty();
        assertThat(sessions.sessionCount()).isZero();
    }

    @Test
    void initializeAnnouncesNoListChangesNorSubscriptions() {
        McpResponse response = client().initialize("2025-11-25");

        JsonNode capabilities = response.result().path("capabilities");
        assertThat(capabilities.at("/tools/listChanged").toString()).as("%s", capabilities).isEqualTo("false");
        assertThat(capabilities.at("/prompts/listChanged").toString()).as("%s", capabilities).isEqualTo("false");
        assertThat(capabilities.at("/resources/listChanged").toString()).as("%s", capabilities).isEqualTo("false");
        assertThat(capabilities.at("/resources/subscribe").toString()).as("%s", capabilities).isEqualTo("false");
        assertThat(capabilities.has("completions")).isTrue();
    }

    @Test
    void toolsCallWorksWithoutInitialize() {
        McpTestClient client = client();

        McpResponse response = client.callTool("echo", Map.of("text", "no session"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(text(response.result())).isEqualTo("no session");
        assertThat(response.sessionId()).isEmpty();
    }

    @Test
    void theProtocolVersionComesFromTheHeaderOrDefaultsTo20250326() {
        McpTestClient client = client();

        JsonNode withoutHeader = whoami(client);
        assertThat(withoutHeader.path("protocolVersion").asString()).isEqualTo("2025-03-26");
        assertThat(withoutHeader.path("sessionId").isNull()).isTrue();

        client.protocolVersion("2025-11-25");
        assertThat(whoami(client).path("protocolVersion").asString()).isEqualTo("2025-11-25");
    }

    @Test
    void anUnsupportedVersionHeaderIsStill400() {
        McpTestClient client = client().protocolVersion("1999-01-01");

        assertError(client.ping(), 400, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @Test
    void aSessionHeaderIsIgnored() {
        McpTestClient client = client().sessionId("whatever");

        assertThat(client.ping().status()).isEqualTo(200);
    }

    @Test
    void getIs405() {
        McpResponse response = client().get().send();

        JsonNode error = assertError(response, 405, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("stateless");
        assertThat(response.header("Allow")).hasValue("POST");
    }

    @Test
    void deleteIs405() {
        McpResponse response = client().sessionId("whatever").deleteSession();

        assertError(response, 405, ErrorCodes.INVALID_REQUEST);
        assertThat(response.header("Allow")).hasValue("POST");
    }

    @Test
    void progressStillSwitchesToSse() {
        McpResponse response = client().callTool("progress", Map.of("steps", 2), "s");

        assertThat(response.isSse()).as("%s", response).isTrue();
        assertThat(response.notifications()).hasSize(2);
        assertThat(text(response.result())).isEqualTo("done after 2 steps");
    }

    @Test
    void batchesFollowTheVersionHeader() {
        McpTestClient client = client();
        ArrayNode batch = client.mapper().createArrayNode();
        batch.add(client.message(1, "ping", null));
        batch.add(client.message(2, "ping", null));

        McpResponse old = client.post(batch).send();
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.responses()).hasSize(2);

        McpResponse newer = client.post(batch).header(McpTestClient.VERSION_HEADER, "2025-06-18").send();
        assertError(newer, 400, ErrorCodes.INVALID_REQUEST);
    }

    @Test
    void theUsualValidationStillApplies() {
        McpTestClient client = client();

        assertErrorWithoutId(client.post("nope").send(), 400, ErrorCodes.PARSE_ERROR);
        assertError(client.post(client.message(1, "ping", null)).header("Accept", "text/html").send(), 406,
                ErrorCodes.INVALID_REQUEST);
        assertError(client.post(client.message(1, "ping", null)).header("Origin", "https://evil.example").send(),
                403, ErrorCodes.INVALID_REQUEST);
        assertRpcError(client.callTool("missing", Map.of()), ErrorCodes.INVALID_PARAMS);
    }

    private static JsonNode whoami(McpTestClient client) {
        return client.mapper().readTree(text(client.callTool("whoami", Map.of()).result()));
    }
}
