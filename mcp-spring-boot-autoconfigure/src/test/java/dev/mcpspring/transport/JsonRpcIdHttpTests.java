package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;

/** Request ids are echoed exactly as sent: the same JSON type and the same digits or characters. */
@McpHttpTest
class JsonRpcIdHttpTests extends HttpTestSupport {

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = connected();
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "1", "-1", "42", "2147483647", "2147483648", "-9223372036854775808",
            "9007199254740993", "9223372036854775807", "123456789012345678901234567890",
            "\"abc\"", "\"\"", "\"7\"", "\"id with spaces and ünïcødé ✓\"", "\"00042\"",
            "\"{\\\"not\\\":\\\"an object\\\"}\"" })
    void idsAreEchoedExactlyOnResults(String idJson) {
        McpResponse response = rawRequest(idJson, "ping");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",");
        assertThat(response.response().get("id")).isEqualTo(client.mapper().readTree(idJson));
    }

    @ParameterizedTest
    @ValueSource(strings = { "7", "\"7\"", "123456789012345678901234567890", "\"x-y-z\"" })
    void idsAreEchoedExactlyOnErrors(String idJson) {
        McpResponse unknownMethod = rawRequest(idJson, "no/such/method");
        assertRpcError(unknownMethod, ErrorCodes.METHOD_NOT_FOUND);
        assertThat(unknownMethod.body()).contains("\"id\":" + idJson + ",");

        McpResponse unknownTool = client.post("{\"jsonrpc\":\"2.0\",\"id\":" + idJson
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}").send();
        assertRpcError(unknownTool, ErrorCodes.INVALID_PARAMS);
        assertThat(unknownTool.response().get("id")).isEqualTo(client.mapper().readTree(idJson));
    }

    @ParameterizedTest
    @ValueSource(strings = { "5", "\"five\"" })
    void theIdOfAnInvalidMessageIsEchoedWhenItCanBeRead(String idJson) {
        McpResponse response = client.post("{\"jsonrpc\":\"1.0\",\"id\":" + idJson + ",\"method\":\"ping\"}")
            .send();

        assertError(response, 400, ErrorCodes.INVALID_REQUEST);
        assertThat(response.json().get("id")).isEqualTo(client.mapper().readTree(idJson));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"tok\"", "77", "9007199254740993" })
    void idsAreEchoedExactlyOnSseResponses(String idJson) {
        McpResponse response = client.post("{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"progress\",\"arguments\":{\"steps\":1},\"_meta\":{\"progressToken\":"
                + idJson + "}}}").send();

        assertThat(response.isSse()).as("%s", response).isTrue();
        assertThat(response.response().get("id")).isEqualTo(client.mapper().readTree(idJson));
        assertThat(response.notifications().get(0).path("params").get("progressToken"))
            .isEqualTo(client.mapper().readTree(idJson));
        assertThat(response.events().get(response.events().size() - 1).data()).contains("\"id\":" + idJson);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1", "\"a\"" })
    void theSameIdMayBeUsedByTwoSessions(String idJson) {
        McpTestClient other = connected();

        assertThat(rawRequest(idJson, "ping").status()).isEqualTo(200);
        McpResponse response = other.post("{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"t\"}}}").send();

        assertThat(response.response().get("id")).isEqualTo(client.mapper().readTree(idJson));
        assertThat(text(response.result())).isEqualTo("t");
    }

    private McpResponse rawRequest(String idJson, String method) {
        return client.post("{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\"}").send();
    }
}
