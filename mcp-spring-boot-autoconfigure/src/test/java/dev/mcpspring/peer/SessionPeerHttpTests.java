package dev.mcpspring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.server.McpPeers;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;

/**
 * Handles bound to a session rather than a request ({@link McpPeers#forSession}, {@code sessionPeer()}): their
 * messages go to the session's GET stream, queued until the client opens one.
 */
@PeerHttpTest
class SessionPeerHttpTests extends PeerHttpTestSupport {

    @Autowired
    McpPeers peers;

    @Test
    void aSessionHandleSamplesOnTheGetStream() throws Exception {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        PeerHandle session = peers.forSession(client.sessionId()).orElseThrow();

        try (SseSubscription stream = client.openStream()) {
            CompletableFuture<SamplingResult> answer = session.sampleAsync(SamplingRequest.ofUserText("from a job", 20));

            JsonNode request = stream.nextMessage(WAIT);
            assertThat(request.path("method").asString()).isEqualTo("sampling/createMessage");
            assertThat(request.path("params").path("messages").path(0).path("content").path("text").asString())
                .isEqualTo("from a job");
            assertThat(answer).isNotDone();

            assertThat(client.respond(request.get("id"), samplingAnswer("job done")).status()).isEqualTo(202);

            assertThat(answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).text()).isEqualTo("job done");
        }
        assertThat(session.isCancelled()).isFalse();
    }

    @Test
    void messagesWaitForTheGetStreamToOpen() throws Exception {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        PeerHandle session = peers.forSession(client.sessionId()).orElseThrow();

        session.log(LoggingLevel.INFO, "job", Map.of("step", "queued"));
        CompletableFuture<SamplingResult> answer = session.sampleAsync(SamplingRequest.ofUserText("queued", 20));

        try (SseSubscription stream = client.openStream()) {
            JsonNode log = stream.nextMessage(WAIT);
            assertThat(log.path("method").asString()).isEqualTo("notifications/message");
            assertThat(log.path("params").path("data").path("step").asString()).isEqualTo("queued");
            JsonNode request = stream.nextMessage(WAIT);
            assertThat(request.path("method").asString()).isEqualTo("sampling/createMessage");

            client.respond(request.get("id"), samplingAnswer("delivered late"));

            assertThat(answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).text()).isEqualTo("delivered late");
        }
    }

    @Test
    void aBackgroundThreadSamplesThroughTheSessionPeerOfItsRequest() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (SseSubscription stream = client.openStream()) {
            McpResponse started = client.callTool("background", args(key));
            assertThat(successText(onlyResponse(started).path("result"))).isEqualTo("started");

            JsonNode request = stream.nextMessage(WAIT);
            assertThat(request.path("method").asString()).isEqualTo("sampling/createMessage");
            assertThat(request.path("params").path("messages").path(0).path("content").path("text").asString())
                .isEqualTo("background " + key);

            client.respond(request.get("id"), samplingAnswer("answered on the side"));
        }
        assertThat(((SamplingResult) outcomes.value(key, WAIT)).text()).isEqualTo("answered on the side");
    }

    @Test
    void theSessionPeerUsesTheGetStreamAndTheRequestPeerThePostStream() {
        McpTestClient client = connect(Map.of());

        try (SseSubscription stream = client.openStream()) {
            McpResponse response = client.callTool("twoStreams", Map.of());

            assertThat(response.isSse()).isTrue();
            assertThat(response.notifications()).singleElement()
                .satisfies(log -> assertThat(log.path("params").path("data").path("via").asString())
                    .isEqualTo("request"));
            assertThat(successText(response.result())).isEqualTo("logged twice");
            JsonNode sessionLog = stream.nextMessage(WAIT);
            assertThat(sessionLog.path("method").asString()).isEqualTo("notifications/message");
            assertThat(sessionLog.path("params").path("data").path("via").asString()).isEqualTo("session");
            assertThat(sessionLog.path("params").path("logger").asString()).isEqualTo("session");
        }
    }

    @Test
    void thereIsNoHandleForAnUnknownOrClosedSession() {
        McpTestClient client = connect(Map.of());
        assertThat(peers.forSession(client.sessionId())).isPresent();

        client.deleteSession();

        assertThat(peers.forSession(client.sessionId())).isEmpty();
        assertThat(peers.forSession("no-such-session")).isEmpty();
    }
}
