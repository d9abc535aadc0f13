package dev.mcpspring.modern;

import static dev.mcpspring.modern.ModernProtocolHttpTests.assertError;
import static dev.mcpspring.modern.ModernTools.accept;
import static dev.mcpspring.modern.ModernTools.sampled;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.OpenRequest;
import tools.jackson.databind.JsonNode;

/**
 * Multi round-trip requests (2026-07-28) behind the unchanged {@code PeerHandle}: a call without an answer ends
 * the attempt with an {@code InputRequiredResult}; the retry re-runs the handler, which gets the answers at once;
 * the sealed {@code requestState} carries earlier answers and the handler's own values and refuses to be reused
 * elsewhere.
 */
@SpringBootTest(classes = { ModernTestApplication.class, ModernTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.request-state.secret=multi-round-test-secret",
                "mcp.server.transport.keep-alive-interval=200ms" })
class MultiRoundHttpTests {

    static final Map<String, Object> EVERYTHING = Map.of("sampling", Map.of(), "elicitation", Map.of("form", Map.of()),
            "roots", Map.of());

    @LocalServerPort
    int port;

    @Autowired
    ModernTools tools;

    @Test
    void aQuestionEndsTheAttemptAndTheRetryWithTheAnswerCompletes() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);

        JsonNode first = client.callTool("ask_name", Map.of()).result();
        assertThat(first.path("resultType").asString()).isEqualTo("input_required");
        JsonNode question = first.path("inputRequests").path("name");
        assertThat(question.path("method").asString()).isEqualTo("elicitation/create");
        assertThat(question.path("params").path("message").asString()).isEqualTo("Your name?");
        assertThat(first.path("requestState").asString()).isNotEmpty();
        assertThat(first.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").isString())
            .as("the server's identity, as on every result").isTrue();

        JsonNode second = client.retryTool("ask_name", Map.of(), first, Map.of("name", accept("name", "Ada")))
            .result();
        assertThat(second.path("resultType").asString()).isEqualTo("complete");
        assertThat(second.path("content").path(0).path("text").asString()).isEqualTo("Hello, Ada!");
    }

    @Test
    void eachRoundAsksTheNextQuestionAndEarlierAnswersAndValuesTravelInTheState() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);
        int workBefore = tools.expensiveWork.get();
        int runsBefore = tools.runs.get();

        JsonNode round1 = client.callTool("two_questions", Map.of()).result();
        assertThat(round1.path("inputRequests").propertyNames()).containsExactly("sampling-1");
        JsonNode round2 = client.retryTool("two_questions", Map.of(), round1,
                Map.of("sampling-1", sampled("tea"))).result();
        assertThat(round2.path("resultType").asString()).isEqualTo("input_required");
        assertThat(round2.path("inputRequests").propertyNames()).containsExactly("elicitation-1");
        assertThat(round2.path("inputRequests").path("elicitation-1").path("params").path("message").asString())
            .isEqualTo("Do you like 'tea'?");
        assertThat(round2.path("requestState").asString()).isNotEqualTo(round1.path("requestState").asString());

        // the client sends only the answers of the last round: the first one comes from the state
        JsonNode round3 = client.retryTool("two_questions", Map.of(), round2,
                Map.of("elicitation-1", accept("verdict", "yes"))).result();
        assertThat(round3.path("content").path(0).path("text").asString()).isEqualTo("work 1: tea -> yes");
        assertThat(tools.runs.get() - runsBefore).isEqualTo(3);
        assertThat(tools.expensiveWork.get() - workBefore).isEqualTo(1);
    }

    @Test
    void questionsAskedThroughTheAsyncTwinsGoInOneRound() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);

        JsonNode round1 = client.callTool("all_at_once", Map.of()).result();
        assertThat(round1.path("inputRequests").propertyNames()).containsExactlyInAnyOrder("sampling-1",
                "elicitation-1", "roots-1");
        assertThat(round1.path("inputRequests").path("roots-1").path("method").asString()).isEqualTo("roots/list");

        JsonNode round2 = client.retryTool("all_at_once", Map.of(), round1, Map.of("sampling-1", sampled("idea"),
                "elicitation-1", accept("name", "Bo"), "roots-1",
                Map.of("roots", List.of(Map.of("uri", "file:///work"))))).result();
        assertThat(round2.path("content").path(0).path("text").asString()).isEqualTo("idea / Bo / [file:///work]");
    }

    @Test
    void aMissingOrMalformedAnswerIsAskedForAgain() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);
        JsonNode round1 = client.callTool("all_at_once", Map.of()).result();

        JsonNode partial = client.retryTool("all_at_once", Map.of(), round1, Map.of("sampling-1", sampled("idea"),
                "elicitation-1", Map.of("content", "no action"), "roots-1",
                Map.of("error", Map.of("code", new BigInteger("1180591620717411303424"), "message", "too big")),
                "unknown", Map.of())).result();

        assertThat(partial.path("resultType").asString()).isEqualTo("input_required");
        assertThat(partial.path("inputRequests").propertyNames()).containsExactlyInAnyOrder("elicitation-1",
                "roots-1");
        JsonNode done = client.retryTool("all_at_once", Map.of(), partial, Map.of("elicitation-1",
                accept("name", "Cy"), "roots-1", Map.of("roots", List.of()))).result();
        assertThat(done.path("content").path(0).path("text").asString()).isEqualTo("idea / Cy / []");
    }

    @Test
    void aUrlModeQuestionHasNoElicitationIdWhichTheRevisionRemoved() {
        ModernClient client = new ModernClient(port).capabilities(Map.of("elicitation", Map.of("url", Map.of())));

        JsonNode round1 = client.callTool("sign_in", Map.of()).result();
        JsonNode params = round1.path("inputRequests").path("elicitation-1").path("params");
        assertThat(params.path("mode").asString()).isEqualTo("url");
        assertThat(params.path("url").asString()).isEqualTo("https://auth.example.com/start");
        assertThat(params.has("elicitationId")).isFalse();

        JsonNode done = client.retryTool("sign_in", Map.of(), round1, Map.of("elicitation-1",
                Map.of("action", "accept"))).result();
        assertThat(done.path("content").path(0).path("text").asString()).isEqualTo("accept");
    }

    @Test
    void aRequiredUrlElicitationIsAQuestionOfTheRoundNotTheRemovedError() {
        ModernClient client = new ModernClient(port).capabilities(Map.of("elicitation", Map.of("url", Map.of())));
        tools.signedIn = false;

        McpResponse asked = client.callTool("read_after_sign_in", Map.of());
        assertThat(asked.status()).isEqualTo(200);
        JsonNode round1 = asked.result();
        assertThat(round1.path("resultType").asString()).isEqualTo("input_required");
        JsonNode question = round1.path("inputRequests").path("elicitation-1");
        assertThat(question.path("method").asString()).isEqualTo("elicitation/create");
        assertThat(question.path("params").path("mode").asString()).isEqualTo("url");
        assertThat(question.path("params").path("url").asString()).isEqualTo("https://auth.example.com/start");
        assertThat(question.path("params").has("elicitationId")).isFalse();

        JsonNode again = client.retryTool("read_after_sign_in", Map.of(), round1, Map.of("elicitation-1",
                Map.of("action", "accept"))).result();
        assertThat(again.path("resultType").asString()).as("not signed in yet: asked again")
            .isEqualTo("input_required");

        tools.signedIn = true;
        JsonNode done = client.retryTool("read_after_sign_in", Map.of(), again, Map.of("elicitation-1",
                Map.of("action", "accept"))).result();
        assertThat(done.path("content").path(0).path("text").asString()).isEqualTo("read");
    }

    @Test
    void aRequiredUrlElicitationOfAClientWithoutUrlModeIsMissingCapability() {
        ModernClient client = new ModernClient(port).capabilities(Map.of("elicitation", Map.of("form", Map.of())));
        tools.signedIn = false;

        JsonNode error = assertError(client.callTool("read_after_sign_in", Map.of()), 400,
                ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, "elicitation.url");
        assertThat(error.path("data").path("requiredCapabilities").path("elicitation").path("url").isObject())
            .isTrue();
    }

    @Test
    void aTypedQuestionIsBoundToItsRecord() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);
        JsonNode round1 = client.callTool("typed_question", Map.of()).result();
        JsonNode schema = round1.path("inputRequests").path("elicitation-1").path("params").path("requestedSchema");
        assertThat(schema.path("properties").path("age").path("type").asString()).isEqualTo("integer");

        JsonNode done = client.retryTool("typed_question", Map.of(), round1, Map.of("elicitation-1",
                Map.of("action", "accept", "content", Map.of("name", "Dee", "age", 7)))).result();
        assertThat(done.path("content").path(0).path("text").asString()).isEqualTo("Dee is 7");
    }

    @Test
    void aTypedAnswerThatDoesNotMatchItsFormFailsTheCallSayingWhy() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);
        JsonNode round1 = client.callTool("typed_question", Map.of()).result();

        JsonNode done = client.retryTool("typed_question", Map.of(), round1, Map.of("elicitation-1",
                Map.of("action", "accept", "content", Map.of("name", "Dee")))).result();
        assertThat(done.path("isError").asBoolean()).isTrue();
        assertThat(done.path("content").path(0).path("text").asString())
            .contains("The user's answer does not match the requested form: 'age' is required");
    }

    @Test
    void anErrorAnswerSurfacesAsAPeerError() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);
        JsonNode round1 = client.callTool("model_or_error", Map.of()).result();

        JsonNode done = client.retryTool("model_or_error", Map.of(), round1, Map.of("sampling-1",
                Map.of("error", Map.of("code", -1, "message", "User rejected sampling")))).result();
        assertThat(done.path("content").path(0).path("text").asString())
            .isEqualTo("refused: -1 User rejected sampling");
    }

    @Test
    void onlyDeclaredCapabilitiesAreAskedAndAnUnhandledMissingOneIs400() {
        ModernClient client = new ModernClient(port).capabilities(Map.of("elicitation", Map.of()));

        McpResponse missing = client.callTool("needs_sampling", Map.of());
        JsonNode error = assertError(missing, 400, ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, "sampling");
        assertThat(error.path("data").path("requiredCapabilities").path("sampling").isObject()).isTrue();

        JsonNode handled = client.callTool("sampling_if_declared", Map.of()).result();
        assertThat(handled.path("content").path(0).path("text").asString()).isEqualTo("no sampling");
    }

    @Test
    void promptsAndResourcesAskTooAndOtherRequestsCannot() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);

        JsonNode prompt = client.request("prompts/get", Map.of("name", "ask_topic")).result();
        assertThat(prompt.path("resultType").asString()).isEqualTo("input_required");
        JsonNode promptDone = client.request("prompts/get", Map.of("name", "ask_topic", "inputResponses",
                Map.of("elicitation-1", accept("topic", "owls")), "requestState",
                prompt.path("requestState").asString())).result();
        assertThat(promptDone.path("messages").path(0).path("content").path("text").asString())
            .isEqualTo("Write about owls");

        JsonNode read = client.request("resources/read", Map.of("uri", "modern://roots")).result();
        assertThat(read.path("inputRequests").path("roots-1").path("method").asString()).isEqualTo("roots/list");
    }

    @Test
    void aTamperedStateIsRefusedAndTheHandlerDoesNotRun() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);
        JsonNode round1 = client.callTool("two_questions", Map.of()).result();
        String state = round1.path("requestState").asString();
        char last = state.charAt(state.length() - 2);
        String tampered = state.substring(0, state.length() - 2) + (last == 'A' ? 'B' : 'A') + state.charAt(
                state.length() - 1);
        int runs = tools.runs.get();

        McpResponse refused = client.request("tools/call", Map.of("name", "two_questions", "arguments", Map.of(),
                "inputResponses", Map.of("sampling-1", sampled("tea")), "requestState", tampered));

        assertError(refused, 200, ErrorCodes.INVALID_PARAMS, "requestState refused");
        assertThat(tools.runs.get()).isEqualTo(runs);
    }

    @Test
    void aStateIsBoundToItsRequestsMethodAndParams() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);
        JsonNode round1 = client.callTool("ask_name", Map.of()).result();

        McpResponse otherTool = client.request("tools/call", Map.of("name", "two_questions", "arguments", Map.of(),
                "requestState", round1.path("requestState").asString()));
        assertError(otherTool, 200, ErrorCodes.INVALID_PARAMS, "issued for another request");

        McpResponse otherMethod = client.request("prompts/get", Map.of("name", "ask_topic", "requestState",
                round1.path("requestState").asString()));
        assertError(otherMethod, 200, ErrorCodes.INVALID_PARAMS, "issued for another request");
    }

    @Test
    void aRequestStateThatIsNotAStringOrInputResponsesThatAreNotAnObjectAreRefused() {
        ModernClient client = new ModernClient(port).capabilities(EVERYTHING);
        assertError(client.request("tools/call", Map.of("name", "ask_name", "arguments", Map.of(), "requestState",
                42)), 200, ErrorCodes.INVALID_PARAMS, "requestState refused");
        assertError(client.request("tools/call", Map.of("name", "ask_name", "arguments", Map.of(), "inputResponses",
                List.of())), 200, ErrorCodes.INVALID_PARAMS, "inputResponses");
    }

    @Test
    void closingTheResponseStreamCancelsTheRequest() throws Exception {
        ModernClient client = new ModernClient(port);
        CountDownLatch cancelled = new CountDownLatch(1);
        tools.cancelled = cancelled;
        try (OpenRequest call = client.start(client.callWithProgressToken("wait_for_cancel"))) {
            assertThat(call.nextMessage(Duration.ofSeconds(10)).path("method").asString())
                .isEqualTo("notifications/progress");
        }
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the tool's cancellation signal fired").isTrue();
    }

    @Test
    void aLongRequestThatSendsNothingBecomesAKeptAliveStreamWhoseClosingCancelsIt() throws Exception {
        ModernClient client = new ModernClient(port);
        CountDownLatch cancelled = new CountDownLatch(1);
        tools.cancelled = cancelled;

        try (OpenRequest call = client.start(client.params(Map.of("name", "wait_quietly_for_cancel", "arguments",
                Map.of())))) {
            assertThat(call.isSse()).as("the undecided answer turned into a stream").isTrue();
            assertThat(call.subscription().nextComment(Duration.ofSeconds(10))).isNotNull();
        }
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the tool's cancellation signal fired").isTrue();
    }
}
