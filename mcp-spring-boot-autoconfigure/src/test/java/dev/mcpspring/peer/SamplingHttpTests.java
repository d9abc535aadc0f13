package dev.mcpspring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.Role;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.server.McpPeerErrorException;
import dev.mcpspring.server.McpPeerTimeoutException;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

/** {@code sampling/createMessage} from a tool, over the tool call's SSE stream. */
@PeerHttpTest
class SamplingHttpTests extends PeerHttpTestSupport {

    @Test
    void theSamplingRequestArrivesOnTheCallsStreamAndTheClientsAnswerCompletesTheCall() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key, "prompt", "Summarise the forecast",
                "maxTokens", 321, "systemPrompt", "You are a meteorologist", "modelHint", "sonnet"))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);
            assertThat(call.isSse()).as("the tool call's answer became an SSE stream").isTrue();

            assertThat(request.path("jsonrpc").asString()).isEqualTo("2.0");
            assertThat(request.get("id").isString() || request.get("id").isIntegralNumber()).isTrue();
            JsonNode params = request.path("params");
            assertThat(params.path("messages")).hasSize(1);
            assertThat(params.path("messages").path(0).path("role").asString()).isEqualTo("user");
            assertThat(params.path("messages").path(0).path("content").path("type").asString()).isEqualTo("text");
            assertThat(params.path("messages").path(0).path("content").path("text").asString())
                .isEqualTo("Summarise the forecast");
            assertThat(params.path("maxTokens").asInt()).isEqualTo(321);
            assertThat(params.path("systemPrompt").asString()).isEqualTo("You are a meteorologist");
            JsonNode preferences = params.path("modelPreferences");
            assertThat(preferences.path("hints").path(0).path("name").asString()).isEqualTo("sonnet");
            assertThat(preferences.path("costPriority").asDouble()).isEqualTo(0.2);
            assertThat(preferences.path("speedPriority").asDouble()).isEqualTo(0.5);
            assertThat(preferences.path("intelligencePriority").asDouble()).isEqualTo(0.9);
            assertThat(params.has("tools")).isFalse();
            assertThat(params.has("toolChoice")).isFalse();
            assertThat(params.has("includeContext")).isFalse();

            McpResponse accepted = client.respond(request.get("id"), samplingAnswer("Sunny all week"));
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.body()).isEmpty();

            assertThat(successText(call.result(WAIT))).isEqualTo("Sunny all week|model=test-model|stop=endTurn|toolUses=0");
            assertThat(call.awaitEnd(WAIT)).as("the stream ends after the result").isTrue();
            assertThat(call.taken()).as("the sampling request, then the result").hasSize(2);
        }
        SamplingResult result = (SamplingResult) outcomes.value(key, WAIT);
        assertThat(result.role()).isEqualTo(Role.ASSISTANT);
        assertThat(result.text()).isEqualTo("Sunny all week");
        assertThat(result.model()).isEqualTo("test-model");
        assertThat(result.stopReason()).isEqualTo("endTurn");
    }

    @Test
    void toolsAndToolChoiceAreSentAndToolUseAnswersAreTyped() {
        McpTestClient client = connect(Map.of("sampling", Map.of("tools", Map.of())));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key, "withTools", true))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);

            JsonNode params = request.path("params");
            assertThat(params.path("tools")).hasSize(1);
            JsonNode tool = params.path("tools").path(0);
            assertThat(tool.path("name").asString()).isEqualTo("get_weather");
            assertThat(tool.path("description").asString()).isEqualTo("The weather in a city");
            assertThat(tool.path("inputSchema").path("type").asString()).isEqualTo("object");
            assertThat(tool.path("inputSchema").path("properties").path("city").path("type").asString())
                .isEqualTo("string");
            assertThat(params.path("toolChoice").path("mode").asString()).isEqualTo("auto");

            Map<String, Object> answer = Map.of("role", "assistant", "model", "test-model", "stopReason", "toolUse",
                    "content", List.of(Map.of("type", "text", "text", "Let me check"),
                            Map.of("type", "tool_use", "id", "call-1", "name", "get_weather", "input",
                                    Map.of("city", "Paris"))));
            assertThat(client.respond(request.get("id"), answer).status()).isEqualTo(202);

            assertThat(successText(call.result(WAIT))).isEqualTo("Let me check|model=test-model|stop=toolUse|toolUses=1");
        }
        SamplingResult result = (SamplingResult) outcomes.value(key, WAIT);
        assertThat(result.toolUses()).singleElement().satisfies(use -> {
            assertThat(use.id()).isEqualTo("call-1");
            assertThat(use.name()).isEqualTo("get_weather");
            assertThat(use.input()).containsEntry("city", "Paris");
        });
        assertThat(result.content()).first().isInstanceOf(Content.Text.class);
    }

    @Test
    void anErrorAnswerFailsTheCallWithMcpPeerErrorException() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);

            assertThat(client.respondError(request.get("id"), -1, "User rejected sampling request").status())
                .isEqualTo(202);

            assertThat(errorText(call.result(WAIT))).contains("User rejected sampling request");
        }
        Throwable failure = outcomes.failure(key, WAIT);
        assertThat(failure).isInstanceOf(McpPeerErrorException.class);
        McpPeerErrorException error = (McpPeerErrorException) failure;
        assertThat(error.error().code()).isEqualTo(-1);
        assertThat(error.error().message()).isEqualTo("User rejected sampling request");
        assertThat(error.getMessage()).contains("sampling/createMessage").contains("-1");
    }

    @Test
    void anInvalidAnswerIsRefusedAndFailsTheCallAtOnce() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);
            String id = client.mapper().writeValueAsString(request.get("id"));

            // neither result nor error: the client is told, and the tool does not wait out its time-out
            McpResponse refused = client.post("{\"jsonrpc\":\"2.0\",\"id\":" + id + "}").send();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("id").isNull()).isTrue();
            assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(refused.json().path("error").path("message").asString())
                .contains("exactly one of \"result\" and \"error\"");

            assertThat(errorText(call.result(WAIT))).contains("not a valid JSON-RPC response");
        }
        McpPeerErrorException failure = (McpPeerErrorException) outcomes.failure(key, WAIT);
        assertThat(failure.error().code()).isEqualTo(-32600);
        assertThat(failure.getMessage()).contains("sampling/createMessage")
            .contains("the client's answer is not a valid JSON-RPC response")
            .contains("exactly one of \"result\" and \"error\"");
        assertThat(client.ping().result().isObject()).as("the session carries on").isTrue();
    }

    @Test
    void anInvalidErrorAnswerInABatchFailsTheCallAndTheOtherMembersAreHandled() {
        McpTestClient client = McpTestClient.create(port);
        client.connect("2025-03-26", Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);
            String id = client.mapper().writeValueAsString(request.get("id"));

            McpResponse answer = client.post("[{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":\"x\"}},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}]").send();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json()).hasSize(2);
            assertThat(answer.json().path(0).path("error").path("message").asString())
                .contains("\"error\" must be an object with an integer \"code\"");
            assertThat(answer.json().path(1).path("id").asString()).isEqualTo("p");
            assertThat(answer.json().path(1).path("result").isObject()).isTrue();

            assertThat(errorText(call.result(WAIT))).contains("not a valid JSON-RPC response");
        }
        assertThat(outcomes.failure(key, WAIT)).isInstanceOf(McpPeerErrorException.class)
            .hasMessageContaining("\"error\" must be an object");
    }

    @Test
    void answersWithUnknownIdsAreAcceptedAndIgnored() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);

            McpResponse unknown = client.respond(StringNode.valueOf("no-such-request"), samplingAnswer("stray"));
            assertThat(unknown.status()).isEqualTo(202);
            assertThat(unknown.body()).isEmpty();
            assertThat(client.respond(IntNode.valueOf(987654), samplingAnswer("stray")).status()).isEqualTo(202);
            assertThat(client.respondError(StringNode.valueOf("nope"), -1, "stray").status()).isEqualTo(202);

            client.respond(request.get("id"), samplingAnswer("the real answer"));
            assertThat(successText(call.result(WAIT))).startsWith("the real answer|");

            // a second answer to a request already answered is just as harmless
            assertThat(client.respond(request.get("id"), samplingAnswer("again")).status()).isEqualTo(202);
        }
        assertThat(client.ping().result().isObject()).isTrue();
        assertThat(((SamplingResult) outcomes.value(key, WAIT)).text()).isEqualTo("the real answer");
    }

    @Test
    void anAnswerFromAnotherSessionDoesNotCompleteTheCall() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        McpTestClient intruder = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);

            assertThat(intruder.respond(request.get("id"), samplingAnswer("forged")).status()).isEqualTo(202);
            client.respond(request.get("id"), samplingAnswer("genuine"));

            assertThat(successText(call.result(WAIT))).startsWith("genuine|");
        }
    }

    @Test
    void aPerCallTimeOutFailsTheCallAndCancelsTheRequestOnTheClient() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key, "timeoutMillis", 300))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);

            JsonNode cancelled = call.nextNotification("notifications/cancelled", WAIT);
            assertThat(cancelled.path("params").path("requestId")).isEqualTo(request.get("id"));
            assertThat(cancelled.path("params").path("reason").asString()).isNotBlank();

            assertThat(errorText(call.result(WAIT))).contains("sampling/createMessage").contains("within 300 ms");

            // the answer comes too late: accepted, and nothing breaks
            assertThat(client.respond(request.get("id"), samplingAnswer("late")).status()).isEqualTo(202);
        }
        assertThat(outcomes.failure(key, WAIT)).isInstanceOf(McpPeerTimeoutException.class)
            .hasMessageContaining("300 ms");
        assertThat(client.ping().result().isObject()).isTrue();
    }

    @Test
    void fortyConcurrentCallsInOneSessionEachGetTheirOwnAnswer() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        int calls = 40;
        List<String> keys = new ArrayList<>();
        List<OpenRequest> open = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String key = key();
            keys.add(key);
            open.add(client.startToolCall("sample", args(key, "prompt", "question " + i)));
        }
        try {
            // every call is waiting for its answer at the same time before any is answered
            Map<JsonNode, String> promptById = new HashMap<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < calls; i++) {
                JsonNode request = open.get(i).nextRequest("sampling/createMessage", WAIT);
                String prompt = request.path("params").path("messages").path(0).path("content").path("text")
                    .asString();
                assertThat(prompt).isEqualTo("question " + i);
                promptById.put(request.get("id"), prompt);
                ids.add(request.get("id").toString());
            }
            assertThat(ids).as("ids of the server's requests are unique in the session").hasSize(calls);

            List<JsonNode> answerOrder = new ArrayList<>(promptById.keySet());
            Collections.shuffle(answerOrder, new Random(42));
            answerOrder.parallelStream().forEach(id -> assertThat(
                    client.respond(id, samplingAnswer("answer to " + promptById.get(id))).status()).isEqualTo(202));

            for (int i = 0; i < calls; i++) {
                assertThat(successText(open.get(i).result(WAIT))).startsWith("answer to question " + i + "|");
                assertThat(((SamplingResult) outcomes.value(keys.get(i), WAIT)).text())
                    .isEqualTo("answer to question " + i);
            }
        }
        finally {
            open.forEach(OpenRequest::close);
        }
    }
}
