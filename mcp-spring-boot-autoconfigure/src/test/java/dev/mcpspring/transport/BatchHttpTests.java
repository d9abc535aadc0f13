package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** JSON-RPC batches: accepted in 2025-03-26 sessions only, never with initialize. */
@McpHttpTest
class BatchHttpTests extends HttpTestSupport {

    @Test
    void aBatchIsAnsweredWithOneResponsePerRequestIn20250326Sessions() {
        McpTestClient client = connected("2025-03-26");
        ArrayNode batch = client.mapper().createArrayNode();
        batch.add(client.message("a", "ping", null));
        batch.add(client.notification("notifications/something", null));
        batch.add(client.message(2, "tools/call", client.callToolParams("echo", Map.of("text", "in batch"), null)));
        batch.add(client.message(3, "no/such/method", null));

        McpResponse response = client.post(batch).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isJson()).as("%s", response).isTrue();
        assertThat(response.json().isArray()).isTrue();
        List<JsonNode> responses = response.responses();
        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).path("id").asString()).isEqualTo("a");
        assertThat(responses.get(0).path("result").size()).isZero();
        assertThat(responses.get(1).path("id").asInt()).isEqualTo(2);
        assertThat(text(responses.get(1).path("result"))).isEqualTo("in batch");
        assertThat(responses.get(2).path("id").asInt()).isEqualTo(3);
        assertThat(responses.get(2).path("error").path("code").asInt()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
    }

    @Test
    void aMemberThatIsNoMessageGetsAnErrorOfItsOwnAndTheOthersAreAnswered() {
        McpTestClient client = connected("2025-03-26");
        ArrayNode batch = client.mapper().createArrayNode();
        batch.add(client.message("a", "ping", null));
        batch.add(1);
        batch.add(client.mapper().createObjectNode().put("foo", 1));

        McpResponse response = client.post(batch).send();

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> responses = response.responses();
        assertThat(responses).hasSize(3);
        assertThat(responses).filteredOn(answer -> answer.path("id").asString().equals("a"))
            .singleElement().satisfies(answer -> assertThat(answer.has("result")).isTrue());
        assertThat(responses).filteredOn(answer -> answer.path("id").isNull()).hasSize(2)
            .allSatisfy(answer -> assertThat(answer.path("error").path("code").asInt())
                .isEqualTo(ErrorCodes.INVALID_REQUEST));
    }

    @Test
    void aBatchOfANotificationAndMembersThatAreNoMessagesIs400WithTheirErrors() {
        McpTestClient client = connected("2025-03-26");
        ArrayNode batch = client.mapper().createArrayNode();
        batch.add(client.notification("notifications/other", null));
        batch.add("not a message");

        McpResponse response = client.post(batch).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().isArray()).isTrue();
        assertThat(response.json().path(0).path("error").path("message").asString())
            .contains("must be a JSON object");
    }

    @Test
    void aBatchOfNotificationsOnlyIsAcceptedWith202() {
        McpTestClient client = connected("2025-03-26");
        ArrayNode batch = client.mapper().createArrayNode();
        batch.add(client.notification("notifications/initialized", null));
        batch.add(client.notification("notifications/other", null));

        McpResponse response = client.post(batch).send();

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aBatchWhoseHandlerSendsProgressIsAnsweredAsSseWithEveryResponse() {
        McpTestClient client = connected("2025-03-26");
        ArrayNode batch = client.mapper().createArrayNode();
        batch.add(client.message(1, "tools/call", client.callToolParams("progress", Map.of("steps", 1), "b")));
        batch.add(client.message(2, "ping", null));

        McpResponse response = client.post(batch).send();

        assertThat(response.isSse()).as("%s", response).isTrue();
        assertThat(response.notifications()).hasSize(1);
        assertThat(response.responses()).extracting(r -> r.path("id").asInt()).containsExactly(1, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-06-18", "2025-11-25" })
    void batchesAreRejectedInLaterVersions(String version) {
        McpTestClient client = connected(version);
        ArrayNode batch = client.mapper().createArrayNode();
        batch.add(client.message(1, "ping", null));
        batch.add(client.message(2, "ping", null));

        McpResponse response = client.post(batch).send();

        JsonNode error = assertErrorWithoutId(response, 400, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("batch").contains(version);
    }

    @Test
    void initializeInABatchIsRejected() {
        McpTestClient client = client();
        ArrayNode batch = client.mapper().createArrayNode();
        batch.add(client.message(1, "initialize", Map.of("protocolVersion", "2025-03-26", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "c", "version", "1"))));

        McpResponse response = client.post(batch).send();

        JsonNode error = assertErrorWithoutId(response, 400, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("initialize").contains("batch");
        assertThat(response.sessionId()).isEmpty();
    }

    @Test
    void initializeInABatchWithOtherMessagesIsRejected() {
        McpTestClient client = connected("2025-03-26");
        ArrayNode batch = client.mapper().createArrayNode();
        batch.add(client.message(1, "ping", null));
        batch.add(client.message(2, "initialize", Map.of("protocolVersion", "2025-03-26", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "c", "version", "1"))));

        McpResponse response = client.post(batch).send();

        assertErrorWithoutId(response, 400, ErrorCodes.INVALID_REQUEST);
        assertThat(response.sessionId()).isEmpty();
    }

    @Test
    void anEmptyBatchIsAnInvalidRequest() {
        McpTestClient client = connected("2025-03-26");

        assertErrorWithoutId(client.post("[]").send(), 400, ErrorCodes.INVALID_REQUEST);
    }
}
