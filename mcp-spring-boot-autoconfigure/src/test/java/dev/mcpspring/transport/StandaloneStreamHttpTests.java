package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseEvent;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The session's standalone SSE stream (GET): one at a time, keep-alives, messages not tied to a request. */
@McpHttpTest
class StandaloneStreamHttpTests extends HttpTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    SessionManager sessions;

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = connected();
    }

    @Test
    void getOpensAnSseStreamThatStaysOpenWithKeepAliveComments() {
        try (SseSubscription stream = client.openStream()) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.isSse()).as("Content-Type %s", stream.header("Content-Type")).isTrue();
            assertThat(stream.header("X-Accel-Buffering")).hasValue("no");
            assertThat(stream.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-cache"));

            assertThat(stream.nextComment(WAIT)).isEqualTo("keep-alive");
            assertThat(stream.nextComment(WAIT)).isEqualTo("keep-alive");
            assertThat(stream.isClosed()).isFalse();
            assertThat(stream.events()).as("only the priming event of a 2025-11-25 stream")
                .noneMatch(SseEvent::hasData);
        }
    }

    @Test
    void aSecondConcurrentGetIsRefusedWith409() {
        try (SseSubscription first = client.openStream()) {
            assertThat(first.status()).isEqualTo(200);

            McpResponse second = client.get().send();

            JsonNode error = assertError(second, 409, ErrorCodes.INVALID_REQUEST);
            assertThat(error.path("message").asString()).contains("already has an open SSE stream");
            assertThat(first.isClosed()).isFalse();
            assertThat(first.nextComment(WAIT)).isEqualTo("keep-alive");
        }
    }

    @Test
    void anotherGetIsAcceptedOnceTheClientDroppedTheFirst() {
        SseSubscription first = client.openStream();
        assertThat(first.status()).isEqualTo(200);
        first.close();

        // the server notices the dead connection on its next keep-alive write
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            SseSubscription again = client.openStream();
            try {
                assertThat(again.status()).isEqualTo(200);
            }
            finally {
                again.close();
            }
        });
    }

    @Test
    void messagesForTheSessionTravelOnTheStream() {
        try (SseSubscription stream = client.openStream()) {
            sessions.sendToSession(client.sessionId(), notification("notifications/tools/list_changed"));

            JsonNode message = stream.nextMessage(WAIT);
            assertThat(message.path("jsonrpc").asString()).isEqualTo("2.0");
            assertThat(message.path("method").asString()).isEqualTo("notifications/tools/list_changed");
            assertThat(message.has("id")).isFalse();
        }
    }

    @Test
    void messagesSentWhileNoStreamIsOpenAreDeliveredWhenOneOpens() {
        sessions.sendToSession(client.sessionId(), notification("notifications/first"));
        sessions.sendToSession(client.sessionId(), notification("notifications/second"));

        try (SseSubscription stream = client.openStream()) {
            assertThat(stream.nextMessage(WAIT).path("method").asString()).isEqualTo("notifications/first");
            assertThat(stream.nextMessage(WAIT).path("method").asString()).isEqualTo("notifications/second");
        }
    }

    @Test
    void deleteClosesTheOpenStream() {
        SseSubscription stream = client.openStream();
        assertThat(stream.status()).isEqualTo(200);

        assertThat(client.deleteSession().status()).isEqualTo(200);

        assertThat(stream.awaitClosed(WAIT)).as("stream closed after DELETE").isTrue();
    }

    @Test
    void getWithoutEventStreamInAcceptIs406() {
        McpResponse response = client.get().header("Accept", "application/json").send();

        JsonNode error = assertError(response, 406, ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("text/event-stream");
    }

    @Test
    void getWithEventStreamRefusedByQZeroIs406() {
        McpResponse response = client.get().header("Accept", "text/event-stream;q=0, */*").send();

        assertError(response, 406, ErrorCodes.INVALID_REQUEST);
    }

    @Test
    void getWithoutSessionIs400() {
        McpResponse response = client.get().withoutHeader(McpTestClient.SESSION_HEADER).send();

        assertError(response, 400, ErrorCodes.INVALID_REQUEST);
    }

    @Test
    void getWithAnUnknownSessionIs404() {
        McpResponse response = client.get().header(McpTestClient.SESSION_HEADER, "unknown-session").send();

        assertError(response, 404, StreamableHttpServlet.SESSION_NOT_FOUND);
    }

    @Test
    void getWithAnUnsupportedProtocolVersionIs400() {
        McpResponse response = client.get().header(McpTestClient.VERSION_HEADER, "1999-01-01").send();

        assertError(response, 400, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @Test
    void postsWorkWhileTheStreamIsOpen() {
        try (SseSubscription stream = client.openStream()) {
            McpResponse response = client.callTool("progress", Map.of("steps", 2), "p");

            assertThat(response.notifications()).as("progress goes on the POST's own stream").hasSize(2);
            assertThat(text(response.result())).isEqualTo("done after 2 steps");
            assertThat(stream.events()).as("nothing of the request on the GET stream").noneMatch(SseEvent::hasData);
        }
    }

    private static JsonRpcMessage notification(String method) {
        return new JsonRpcMessage.Notification(method, JsonNodeFactory.instance.objectNode());
    }
}
