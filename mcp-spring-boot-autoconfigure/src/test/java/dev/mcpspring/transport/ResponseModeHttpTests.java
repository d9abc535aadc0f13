package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseEvent;
import tools.jackson.databind.JsonNode;

/**
 * A POST is answered with plain JSON unless its handler sends something before the result; then the answer is
 * an SSE stream: the messages in order, the response last. The client's Accept header limits the choice.
 */
@McpHttpTest
class ResponseModeHttpTests extends HttpTestSupport {

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = connected();
    }

    @Test
    void aHandlerThatSendsNothingGetsAJsonAnswer() {
        McpResponse response = client.callTool("echo", Map.of("text", "plain"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/json"));
        assertThat(response.messages()).hasSize(1);
        assertThat(text(response.result())).isEqualTo("plain");
    }

    @Test
    void progressBeforeTheResultSwitchesToSseWithTheNotificationsThenTheResponse() {
        McpResponse response = client.callTool("progress", Map.of("steps", 3), "tok-1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isSse()).as("%s", response).isTrue();
        assertThat(response.header("X-Accel-Buffering")).hasValue("no");
        assertThat(response.header("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-cache"));
        assertThat(response.sessionId()).as("the session header belongs to initialize only").isEmpty();

        List<JsonNode> messages = response.messages();
        assertThat(messages).hasSize(4);
        for (int step = 1; step <= 3; step++) {
            JsonNode progress = messages.get(step - 1);
            assertThat(progress.path("jsonrpc").asString()).isEqualTo("2.0");
            assertThat(progress.path("method").asString()).isEqualTo("notifications/progress");
            assertThat(progress.has("id")).isFalse();
            assertThat(progress.path("params").path("progressToken").asString()).isEqualTo("tok-1");
            assertThat(progress.path("params").path("progress").asDouble()).isEqualTo(step);
            assertThat(progress.path("params").path("total").asDouble()).isEqualTo(3.0);
            assertThat(progress.path("params").path("message").asString()).isEqualTo("step " + step);
        }
        JsonNode last = messages.get(3);
        assertThat(last.has("result")).isTrue();
        assertThat(text(last.path("result"))).isEqualTo("done after 3 steps");
        assertThat(response.events()).extracting(SseEvent::type).containsOnly("message");
    }

    @Test
    void aNumericProgressTokenIsEchoedAsANumber() {
        McpResponse response = client.callTool("progress", Map.of("steps", 1), 77);

        JsonNode token = response.notifications().get(0).path("params").path("progressToken");
        assertThat(token.isIntegralNumber()).as("%s", response).isTrue();
        assertThat(token.asInt()).isEqualTo(77);
    }

    @Test
    void withoutProgressTokenNoProgressIsSentAndTheAnswerIsJson() {
        McpResponse response = client.callTool("progress", Map.of("steps", 3));

        assertThat(response.isJson()).as("%s", response).isTrue();
        assertThat(response.notifications()).isEmpty();
        assertThat(text(response.result())).isEqualTo("done after 3 steps");
    }

    @Test
    void aClientAcceptingOnlyJsonGetsJsonEvenWhenTheToolSendsProgress() {
        McpResponse response = client.post(client.message(client.nextId(), "tools/call",
                client.callToolParams("progress", Map.of("steps", 2), "tok")))
            .header("Accept", "application/json")
            .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isJson()).as("%s", response).isTrue();
        assertThat(response.messages()).hasSize(1);
        assertThat(text(response.result())).isEqualTo("done after 2 steps");
    }

    @Test
    void aClientAcceptingOnlySseGetsSseEvenWhenNothingWasSentBeforeTheResult() {
        McpResponse response = client.post(client.message(client.nextId(), "tools/call",
                client.callToolParams("echo", Map.of("text", "sse only"), null)))
            .header("Accept", "text/event-stream")
            .send();

        assertThat(response.isSse()).as("%s", response).isTrue();
        assertThat(response.header("X-Accel-Buffering")).hasValue("no");
        assertThat(response.messages()).hasSize(1);
        assertThat(text(response.result())).isEqualTo("sse only");
    }

    @ParameterizedTest
    @ValueSource(strings = { "*/*", "application/*", "application/json", "text/event-stream;q=0, application/json" })
    void theAnswerIsJsonWhenJsonIsAcceptable(String accept) {
        McpResponse response = client.post(client.message(client.nextId(), "ping", null))
            .header("Accept", accept)
            .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isJson()).as("%s", response).isTrue();
    }

    @Test
    void aLogMessageBeforeTheResultSwitchesToSse() {
        McpResponse response = client.callTool("log", Map.of("level", "notice", "message", "hello log"));

        assertThat(response.isSse()).as("%s", response).isTrue();
        assertThat(response.notifications()).singleElement().satisfies(notification -> {
            assertThat(notification.path("method").asString()).isEqualTo("notifications/message");
            assertThat(notification.path("params").path("level").asString()).isEqualTo("notice");
            assertThat(notification.path("params").path("data").path("message").asString()).isEqualTo("hello log");
        });
        assertThat(text(response.result())).isEqualTo("logged");
    }

    @Test
    void keepAliveCommentsFlowOnAPostStreamWhileTheToolKeepsWorking() {
        McpResponse response = client.callTool("progress", Map.of("steps", 1, "pauseMillis", 800), "k");

        assertThat(response.isSse()).as("%s", response).isTrue();
        assertThat(response.comments()).isNotEmpty().allSatisfy(comment -> assertThat(comment).isEqualTo("keep-alive"));
        assertThat(response.messages()).hasSize(2);
        assertThat(response.notifications()).hasSize(1);
        assertThat(text(response.result())).isEqualTo("done after 1 steps");
    }

    @Test
    void nonAsciiTextSurvivesBothModesAsUtf8() {
        String text = "ünïcødé ✓ 日本語 🎉 \"quoted\" line\nbreak";

        McpResponse json = client.callTool("echo", Map.of("text", text));
        McpResponse sse = client.post(client.message(client.nextId(), "tools/call",
                client.callToolParams("echo", Map.of("text", text), null)))
            .header("Accept", "text/event-stream")
            .send();

        assertThat(json.isJson()).isTrue();
        assertThat(text(json.result())).isEqualTo(text);
        assertThat(sse.isSse()).isTrue();
        assertThat(text(sse.result())).isEqualTo(text);
        // besides the priming event (id, retry, empty data) that opens a 2025-11-25 stream
        assertThat(sse.events().stream().filter(SseEvent::hasData)).singleElement()
            .satisfies(event -> assertThat(event.data()).doesNotContain("\n"));
    }

    @Test
    void eventsCarryOneJsonMessageOnASingleDataLine() {
        McpResponse response = client.callTool("progress", Map.of("steps", 2), "t");

        assertThat(response.body()).doesNotContain("\r");
        for (SseEvent event : response.events()) {
            if (!event.hasData()) {
                continue; // the priming event that opens a 2025-11-25 stream
            }
            assertThat(event.data()).doesNotContain("\n");
            assertThat(client.mapper().readTree(event.data()).path("jsonrpc").asString()).isEqualTo("2.0");
        }
    }
}
