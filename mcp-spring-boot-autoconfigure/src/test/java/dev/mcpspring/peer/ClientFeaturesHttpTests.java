package dev.mcpspring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.server.McpPeerException;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Roots, elicitation (form and URL mode) and ping from {@code @McpTool} methods that declare a {@code PeerHandle}.
 */
@PeerHttpTest
class ClientFeaturesHttpTests extends PeerHttpTestSupport {

    @Test
    void rootsRoundTrip() {
        McpTestClient client = connect(Map.of("roots", Map.of("listChanged", true)));
        String key = key();

        try (OpenRequest call = client.startToolCall("roots", args(key))) {
            JsonNode request = call.nextRequest("roots/list", WAIT);
            assertThat(request.path("params").isMissingNode() || request.path("params").isObject())
                .as("params of %s", request).isTrue();

            client.respond(request.get("id"), Map.of("roots", List.of(
                    Map.of("uri", "file:///home/ada/project", "name", "Project"),
                    Map.of("uri", "file:///tmp/scratch"))));

            assertThat(successText(call.result(WAIT)))
                .isEqualTo("file:///home/ada/project (Project), file:///tmp/scratch");
        }
        @SuppressWarnings("unchecked")
        List<Root> roots = (List<Root>) outcomes.value(key, WAIT);
        assertThat(roots).extracting(Root::uri).containsExactly("file:///home/ada/project", "file:///tmp/scratch");
        assertThat(roots).extracting(Root::name).containsExactly("Project", null);
    }

    @Test
    void formElicitationAccepted() {
        McpTestClient client = connect(Map.of("elicitation", Map.of("form", Map.of())));
        String key = key();

        try (OpenRequest call = client.startToolCall("askName", args(key))) {
            JsonNode request = call.nextRequest("elicitation/create", WAIT);
            JsonNode params = request.path("params");
            assertThat(params.path("message").asString()).isEqualTo("What is your name?");
            assertThat(params.propertyNames()).as("form mode is left implicit, as every revision reads it")
                .containsExactlyInAnyOrder("message", "requestedSchema");
            JsonNode schema = params.path("requestedSchema");
            assertThat(schema.path("type").asString()).isEqualTo("object");
            assertThat(schema.path("properties").path("name").path("type").asString()).isEqualTo("string");
            assertThat(schema.path("properties").path("age").path("type").asString()).isEqualTo("integer");
            assertThat(schema.path("required").path(0).asString()).isEqualTo("name");

            client.respond(request.get("id"), Map.of("action", "accept", "content", Map.of("name", "Ada", "age", 36)));

            assertThat(successText(call.result(WAIT))).startsWith("accept {").contains("name=Ada", "age=36");
        }
        ElicitationResult result = (ElicitationResult) outcomes.value(key, WAIT);
        assertThat(result.action()).isEqualTo(ElicitationResult.Action.ACCEPT);
        assertThat(result.isAccepted()).isTrue();
        assertThat(result.content()).containsEntry("name", "Ada").containsEntry("age", 36);
    }

    @ParameterizedTest(name = "answered with {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"age":36}                 | 'name' is required
            {"name":7}                 | 'name' must be a string
            {"name":"Ada","age":"old"} | 'age' must be a whole number
            {"name":"Ada","age":3.5}   | 'age' must be a whole number
            """)
    void anAcceptedAnswerThatDoesNotMatchTheFormFailsTheCallSayingWhy(String content, String problem) {
        McpTestClient client = connect(Map.of("elicitation", Map.of("form", Map.of())));
        String key = key();

        try (OpenRequest call = client.startToolCall("askName", args(key))) {
            JsonNode request = call.nextRequest("elicitation/create", WAIT);

            client.respond(request.get("id"), Map.of("action", "accept", "content",
                    JsonMapper.shared().readTree(content)));

            assertThat(errorText(call.result(WAIT))).contains("does not match the requested form: " + problem)
                .doesNotContain("dev.mcpspring", "Exception");
        }
        assertThat(outcomes.failure(key, WAIT)).isExactlyInstanceOf(McpPeerException.class)
            .hasMessage("The user's answer does not match the requested form: " + problem);
    }

    @ParameterizedTest
    @ValueSource(strings = { "decline", "cancel" })
    void formElicitationDeclinedOrCancelled(String action) {
        McpTestClient client = connect(Map.of("elicitation", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("askName", args(key))) {
            JsonNode request = call.nextRequest("elicitation/create", WAIT);

            client.respond(request.get("id"), Map.of("action", action));

            assertThat(successText(call.result(WAIT))).isEqualTo(action);
        }
        ElicitationResult result = (ElicitationResult) outcomes.value(key, WAIT);
        assertThat(result.action().wireName()).isEqualTo(action);
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.content()).isNull();
    }

    @Test
    void urlElicitationThenCompletionNotification() {
        McpTestClient client = connect(Map.of("elicitation", Map.of("url", Map.of())));
        String key = key();
        String url = "https://auth.example.com/consent?session=" + key;

        try (OpenRequest call = client.startToolCall("signIn", args(key, "url", url))) {
            JsonNode request = call.nextRequest("elicitation/create", WAIT);
            JsonNode params = request.path("params");
            assertThat(params.path("mode").asString()).isEqualTo("url");
            assertThat(params.path("url").asString()).isEqualTo(url);
            assertThat(params.path("elicitationId").asString()).isEqualTo(key);
            assertThat(params.path("message").asString()).isEqualTo("Please sign in");
            assertThat(params.propertyNames()).containsExactlyInAnyOrder("mode", "message", "url", "elicitationId");

            client.respond(request.get("id"), Map.of("action", "accept"));

            JsonNode complete = call.nextNotification("notifications/elicitation/complete", WAIT);
            assertThat(complete.path("params").path("elicitationId").asString()).isEqualTo(key);
            assertThat(successText(call.result(WAIT))).isEqualTo("accept");
        }
        assertThat(((ElicitationResult) outcomes.value(key, WAIT)).action()).isEqualTo(ElicitationResult.Action.ACCEPT);
    }

    @Test
    void urlElicitationRequiredIsAProtocolErrorListingTheElicitations() {
        McpTestClient client = connect(Map.of("elicitation", Map.of("url", Map.of())));

        McpResponse response = client.callTool("needsAuthorization", Map.of("url", "https://auth.example.com/x"));

        JsonNode message = onlyResponse(response);
        assertThat(message.has("result")).as("not a tool result: %s", message).isFalse();
        JsonNode error = message.path("error");
        assertThat(error.path("code").asInt()).isEqualTo(ErrorCodes.URL_ELICITATION_REQUIRED).isEqualTo(-32042);
        assertThat(error.path("message").asString()).isEqualTo("Authorization is required before the files can be read");
        JsonNode elicitations = error.path("data").path("elicitations");
        assertThat(elicitations).hasSize(1);
        assertThat(elicitations.path(0).path("mode").asString()).isEqualTo("url");
        assertThat(elicitations.path(0).path("url").asString()).isEqualTo("https://auth.example.com/x");
        assertThat(elicitations.path(0).path("elicitationId").asString()).isEqualTo("auth-1");
        assertThat(elicitations.path(0).path("message").asString()).isEqualTo("Authorize access to your files");
    }

    @ParameterizedTest(name = "{1} answered with {2}")
    @CsvSource(delimiter = '|', textBlock = """
            sample | sampling/createMessage | null | it is not a JSON object
            sample | sampling/createMessage | {"role":"assistant","model":"m"} | "content" must be a content block
            sample | sampling/createMessage | {"role":"robot","model":"m","content":{"type":"text","text":"x"}} | "role" must be
            sample | sampling/createMessage | {"role":"assistant","content":{"type":"text","text":"x"}} | "model" must be
            askName | elicitation/create | {} | "action" must be "accept", "decline" or "cancel"
            askName | elicitation/create | {"action":"bogus"} | "action" must be "accept", "decline" or "cancel"
            askName | elicitation/create | {"action":"accept","content":"Ada"} | "content" must be an object
            askName | elicitation/create | {"action":"accept","content":{"name":{"first":"Ada"}}} | "content.name" must be a string, a number, a boolean or an array of strings
            askName | elicitation/create | {"action":"accept","content":{"tags":["a",1]}} | "content.tags" must be
            roots | roots/list | {"roots":[{"name":"no uri"}]} | "roots[0]" must be an object with a string "uri"
            roots | roots/list | {"roots":"x"} | "roots" must be an array
            """)
    void anAnswerLackingWhatItsSchemaRequiresFailsTheCallSayingWhat(String tool, String method, String answer,
            String defect) {
        McpTestClient client = connect(Map.of("sampling", Map.of(), "elicitation", Map.of(), "roots", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall(tool, args(key))) {
            JsonNode request = call.nextRequest(method, WAIT);

            client.respond(request.get("id"), JsonMapper.shared().readTree(answer));

            assertThat(errorText(call.result(WAIT))).contains(defect).doesNotContain("dev.mcpspring", "Exception");
        }
        Throwable failure = outcomes.failure(key, WAIT);
        assertThat(failure).isExactlyInstanceOf(McpPeerException.class)
            .hasMessageStartingWith("The client's answer to " + method + " is not a valid result: " + defect);
    }

    @Test
    void pingRoundTrip() {
        McpTestClient client = connect(Map.of());
        String key = key();

        try (OpenRequest call = client.startToolCall("pingClient", args(key))) {
            JsonNode ping = call.nextRequest("ping", WAIT);
            assertThat(ping.path("params").isMissingNode() || ping.path("params").isObject())
                .as("params of a ping must be absent or an object: %s", ping).isTrue();

            assertThat(client.respond(ping.get("id"), Map.of()).status()).isEqualTo(202);

            assertThat(successText(call.result(WAIT))).isEqualTo("pong");
        }
        assertThat(outcomes.value(key, WAIT)).isEqualTo("pong");
    }
}
