package dev.mcpspring.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.modern.ModernClient;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.server.McpPeers;
import dev.mcpspring.server.ResourceUpdates;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import dev.mcpspring.testclient.SseEvent;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;

/**
 * Two instances sharing their sessions through a real Redis, driven by a client that sends each HTTP request of a
 * session to another instance: what a round-robin load balancer without stickiness does.
 */
class RedisClusterHttpTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String VERSION = "2025-11-25";

    private static final Map<String, Object> CAPABILITIES = Map.of("sampling", Map.of(), "elicitation", Map.of(),
            "roots", Map.of());

    private static RedisServerProcess redis;

    private static ClusterNodes nodes;

    @BeforeAll
    static void startCluster() {
        redis = RedisServerProcess.launch();
        nodes = ClusterNodes.start(2, redis.port(), List.of(ClusterTools.class),
                "mcp.server.transport.keep-alive-interval=200ms", "mcp.server.session.redis.heartbeat=200ms");
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** A session initialized on node 0, whose client sends each later request to the other node in turn. */
    private static RoundRobinClient session() {
        return nodes.roundRobin().connect(VERSION, CAPABILITIES);
    }

    @Test
    void everyRequestOfASessionIsServedByWhicheverInstanceItReaches() {
        RoundRobinClient client = session();

        McpResponse tools = client.next().request("tools/list");
        McpResponse echo = client.next().callTool("echo", Map.of("text", "hello"));
        McpResponse whoami = client.next().callTool("whoami", Map.of());

        assertThat(tools.result().path("tools").valueStream().map(tool -> tool.path("name").asString()))
            .contains("echo", "ask");
        assertThat(echo.result().path("content").path(0).path("text").asString()).isEqualTo("hello");
        assertThat(whoami.result().path("content").path(0).path("text").asString())
            .as("the other instance knows the session's negotiated version")
            .contains("\"protocolVersion\":\"" + VERSION + "\"")
            .contains("\"sessionId\":\"" + client.sessionId() + "\"");
    }

    @Test
    void theLogLevelSetOnOneInstanceHoldsOnTheOther() {
        RoundRobinClient client = session();
        assertThat(client.on(0).request("logging/setLevel", Map.of("level", "error")).status()).isEqualTo(200);

        McpResponse quiet = client.on(1).callTool("log", Map.of("message", "hidden", "level", "info"));
        McpResponse loud = client.on(1).callTool("log", Map.of("message", "shown", "level", "error"));

        assertThat(quiet.notifications()).isEmpty();
        assertThat(loud.notifications()).singleElement()
            .satisfies(note -> assertThat(note.path("params").path("data").path("message").asString())
                .isEqualTo("shown"));
    }

    @Test
    void aChangeMadeElsewhereHoldsOnTheNextRequestEvenBeforeItsAnnouncementArrives() {
        RoundRobinClient client = session();
        McpResponse before = client.on(1).callTool("log", Map.of("message", "shown", "level", "info"));
        assertThat(before.notifications()).as("instance 1 holds the session, at the default level").hasSize(1);

        // what logging/setLevel on another instance writes, without the pub/sub announcement that follows it
        String hash = "mcp:s:" + client.sessionId();
        redis.command("HSET", hash, "logLevel", "ERROR");
        redis.command("HINCRBY", hash, "generation", "1");

        McpResponse after = client.on(1).callTool("log", Map.of("message", "hidden", "level", "info"));
        assertThat(after.notifications()).isEmpty();
    }

    @Test
    void deletingTheSessionOnOneInstanceEndsItOnAll() {
        RoundRobinClient client = session();
        assertThat(client.on(1).callTool("echo", Map.of("text", "cached on 1")).status()).isEqualTo(200);

        assertThat(client.on(0).deleteSession().status()).isEqualTo(200);

        assertThat(client.on(1).ping().status()).isEqualTo(404);
        assertThat(client.on(0).ping().status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "DELETE on instance {0}")
    @ValueSource(ints = { 0, 1 })
    void deletingTheSessionAnswersItsRunningCallsWithRequestCancelled(int deletingNode) {
        RoundRobinClient client = session();
        try (OpenRequest call = client.on(0).startToolCall("ticks", Map.of("steps", 50, "everyMillis", 200),
                "ticking")) {
            call.nextNotification("notifications/progress", WAIT);

            assertThat(client.on(deletingNode).deleteSession().status()).isEqualTo(200);

            JsonNode error = call.error(WAIT);
            assertThat(error.path("code").asInt()).isEqualTo(ErrorCodes.REQUEST_CANCELLED);
            assertThat(error.path("message").asString()).isEqualTo("Request cancelled: the session was closed");
            assertThat(call.awaitEnd(WAIT)).isTrue();
        }
    }

    @Test
    void aSessionEndedElsewhereIsUnknownEvenBeforeTheNewsArrives() {
        RoundRobinClient client = session();
        assertThat(client.on(1).request("tools/list").status()).isEqualTo(200);

        // as if another instance had deleted it and its broadcast were still on the way: node 1 has it cached
        redis.command("DEL", "mcp:s:" + client.sessionId());

        assertThat(client.on(1).request("tools/list").status()).isEqualTo(404);
    }

    @Test
    void deletingTheSessionClosesItsStreamHeldByAnotherInstance() {
        RoundRobinClient client = session();
        try (SseSubscription stream = client.on(1).openStream()) {
            assertThat(stream.status()).isEqualTo(200);

            assertThat(client.on(0).deleteSession().status()).isEqualTo(200);

            assertThat(stream.awaitClosed(WAIT)).as("the GET stream on the other instance closed").isTrue();
        }
    }

    @Test
    void deletingTheSessionTakesItOutOfTheSubscriberSetsOfItsUris() {
        RoundRobinClient client = session();
        assertThat(client.on(1).request("resources/subscribe", Map.of("uri", ClusterTools.NOTE)).status())
            .isEqualTo(200);
        String subscribers = "mcp:sub:" + ClusterTools.NOTE;
        assertThat(redis.command("SISMEMBER", subscribers, client.sessionId())).isEqualTo(1L);

        assertThat(client.on(0).deleteSession().status()).isEqualTo(200);

        assertThat(redis.command("SISMEMBER", subscribers, client.sessionId())).isEqualTo(0L);
        assertThat(redis.command("EXISTS", "mcp:s:" + client.sessionId() + ":subs")).isEqualTo(0L);
    }

    @Test
    void aSessionsSubscriptionsAreCountedOnEveryInstance() {
        RoundRobinClient client = session();
        SessionManager onOther = nodes.context(1).getBean(SessionManager.class);
        assertThat(onOther.subscriptionCount(client.sessionId())).isZero();

        for (int i = 0; i < 2; i++) { // the same URI twice, through both instances: one subscription
            assertThat(client.on(i).request("resources/subscribe", Map.of("uri", ClusterTools.NOTE)).status())
                .isEqualTo(200);
        }
        assertThat(onOther.subscriptionCount(client.sessionId())).isEqualTo(1);
        client.on(0).request("resources/unsubscribe", Map.of("uri", ClusterTools.NOTE));
        assertThat(onOther.subscriptionCount(client.sessionId())).isZero();
    }

    @Test
    void aSamplingAnswerPostedToAnotherInstanceCompletesTheToolCall() {
        RoundRobinClient client = session();
        try (OpenRequest call = client.on(0).startToolCall("ask", Map.of("prompt", "Capital of France?"))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);

            McpResponse accepted = client.on(1).respond(request.get("id"), ClusterTools.textResult("Paris"));

            assertThat(accepted.status()).isEqualTo(202);
            assertThat(call.result(WAIT).path("content").path(0).path("text").asString()).isEqualTo("Paris");
        }
    }

    @Test
    void elicitationRootsAndPingAnsweredOnAnotherInstance() {
        RoundRobinClient client = session();
        try (OpenRequest call = client.on(1).startToolCall("askName", Map.of())) {
            JsonNode request = call.nextRequest("elicitation/create", WAIT);
            client.on(0).respond(request.get("id"), Map.of("action", "accept", "content", Map.of("name", "Ada")));
            assertThat(call.result(WAIT).path("content").path(0).path("text").asString()).isEqualTo("accept Ada");
        }
        try (OpenRequest call = client.on(0).startToolCall("roots", Map.of())) {
            JsonNode request = call.nextRequest("roots/list", WAIT);
            client.on(1).respond(request.get("id"), Map.of("roots", List.of(Map.of("uri", "file:///work"))));
            assertThat(call.result(WAIT).path("content").path(0).path("text").asString()).isEqualTo("file:///work");
        }
        try (OpenRequest call = client.on(1).startToolCall("pingClient", Map.of())) {
            JsonNode request = call.nextRequest("ping", WAIT);
            client.on(0).respond(request.get("id"), Map.of());
            assertThat(call.result(WAIT).path("content").path(0).path("text").asString()).isEqualTo("pong");
        }
    }

    @Test
    void anErrorAnswerPostedToAnotherInstanceReachesTheTool() {
        RoundRobinClient client = session();
        try (OpenRequest call = client.on(0).startToolCall("ask", Map.of("prompt", "?"))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);

            client.on(1).respondError(request.get("id"), -1, "User rejected sampling request");

            JsonNode result = call.result(WAIT);
            assertThat(result.path("isError").asBoolean()).isTrue();
            assertThat(result.path("content").path(0).path("text").asString()).contains("User rejected");
        }
    }

    @Test
    void aCancellationSentToAnotherInstanceReachesTheRunningTool() {
        RoundRobinClient client = session();
        try (OpenRequest call = client.on(0).startToolCall("ask", Map.of("prompt", "never answered"))) {
            call.nextRequest("sampling/createMessage", WAIT);

            assertThat(client.on(1).cancel(call.id(), "changed my mind").status()).isEqualTo(202);

            assertThat(call.awaitEnd(WAIT)).as("the cancelled call's stream ended").isTrue();
            assertThat(call.received()).noneMatch(message -> message.has("result"));
        }
    }

    @Test
    void aRequestIdInUseOnOneInstanceIsRefusedOnTheOther() throws Exception {
        RoundRobinClient client = session();
        try (OpenRequest call = client.on(0).startToolCall("ask", Map.of("prompt", "hold on"))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);

            McpResponse reused = client.on(1).request(call.id(), "tools/call",
                    Map.of("name", "echo", "arguments", Map.of("text", "again")));

            assertThat(reused.errorCode()).isEqualTo(ErrorCodes.INVALID_REQUEST);
            assertThat(reused.errorMessage()).contains("already");
            client.on(1).respond(request.get("id"), ClusterTools.textResult("done"));
            assertThat(call.result(WAIT).path("content").path(0).path("text").asString()).isEqualTo("done");
        }
    }

    @Test
    void aListChangeOnOneInstanceReachesStreamsHeldByTheOther() {
        RoundRobinClient client = session();
        try (SseSubscription stream = client.on(1).openStream()) {
            assertThat(stream.status()).isEqualTo(200);

            client.on(0).callTool("addTool", Map.of("name", "added_" + System.nanoTime()));

            assertThat(nextMessage(stream).path("method").asString()).isEqualTo("notifications/tools/list_changed");
        }
    }

    @Test
    void aSessionHandleRequestReachesTheStreamHeldByTheOtherInstanceAndItsAnswerComesBack() throws Exception {
        RoundRobinClient client = session();
        try (SseSubscription stream = client.on(1).openStream()) {
            assertThat(stream.status()).isEqualTo(200);
            McpPeers peers = nodes.context(0).getBean(McpPeers.class);
            CompletableFuture<String> pong = CompletableFuture.supplyAsync(() -> {
                peers.forSession(client.sessionId()).orElseThrow().ping();
                return "pong";
            });

            JsonNode ping = nextMessage(stream);
            assertThat(ping.path("method").asString()).isEqualTo("ping");
            client.on(1).respond(ping.get("id"), Map.of());

            assertThat(pong.get(10, TimeUnit.SECONDS)).isEqualTo("pong");
        }
    }

    @Test
    void aSecondStandaloneStreamOnTheOtherInstanceIsAConflict() {
        RoundRobinClient client = session();
        try (SseSubscription stream = client.on(0).openStream()) {
            assertThat(stream.status()).isEqualTo(200);

            McpResponse second = client.on(1).get().send();

            assertThat(second.status()).isEqualTo(409);
        }
    }

    @Test
    void aBrokenToolCallStreamResumesOnTheOtherInstance() {
        RoundRobinClient client = session();
        String lastEventId;
        try (OpenRequest call = client.on(0).startToolCall("ask", Map.of("prompt", "resume me"))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);
            lastEventId = call.subscription().events().stream().filter(SseEvent::hasData)
                .reduce((a, b) -> b).orElseThrow().id();
            call.close(); // the connection breaks after the sampling request
            client.on(0).respond(request.get("id"), ClusterTools.textResult("resumed"));
        }
        sleep(1_000); // several heartbeats: the instance running the call is still known to be alive

        try (SseSubscription resumed = client.on(1).get().header("Last-Event-ID", lastEventId).openStream()) {
            JsonNode response = nextMessage(resumed);

            assertThat(response.path("result").path("content").path(0).path("text").asString()).isEqualTo("resumed");
            assertThat(resumed.awaitClosed(WAIT)).as("the stream ends after the response").isTrue();
        }
    }

    @Test
    void progressOfACallWhoseStreamBrokeReachesTheOtherInstanceWithTheAnswer() {
        RoundRobinClient client = session();
        String lastEventId;
        try (OpenRequest call = client.on(0).start("tools/call",
                client.on(0).callToolParams("progress", Map.of("steps", 3, "pauseMillis", 1500), "p1"))) {
            call.nextNotification("notifications/progress", WAIT);
            lastEventId = call.subscription().events().stream()
                .filter(event -> event.hasData() && event.data().contains("notifications/progress"))
                .findFirst().orElseThrow().id();
        } // the client lost everything after the first progress notification

        try (SseSubscription resumed = client.on(1).get().header("Last-Event-ID", lastEventId).openStream()) {
            JsonNode second = nextMessage(resumed);
            JsonNode third = nextMessage(resumed);
            JsonNode answer = nextMessage(resumed);

            assertThat(second.path("params").path("progress").asInt()).isEqualTo(2);
            assertThat(third.path("params").path("progress").asInt()).isEqualTo(3);
            assertThat(answer.path("result").path("content").path(0).path("text").asString())
                .isEqualTo("done after 3 steps");
        }
    }

    @Test
    void aResourceUpdateOnOneInstanceReachesSubscribersWhoseStreamIsOnTheOther() {
        RoundRobinClient client = session();
        assertThat(client.on(0).request("resources/subscribe", Map.of("uri", ClusterTools.NOTE)).status())
            .isEqualTo(200);
        try (SseSubscription stream = client.on(1).openStream()) {
            assertThat(stream.status()).isEqualTo(200);

            nodes.context(0).getBean(ResourceUpdates.class).resourceUpdated(ClusterTools.NOTE);

            JsonNode update = nextMessage(stream);
            assertThat(update.path("method").asString()).isEqualTo("notifications/resources/updated");
            assertThat(update.path("params").path("uri").asString()).isEqualTo(ClusterTools.NOTE);
        }
    }

    @Test
    void aModernSubscriptionStreamHearsOfChangesMadeOnTheOtherInstance() {
        ModernClient client = new ModernClient(nodes.port(1));
        try (OpenRequest listen = client.start("subscriptions/listen", client.params(Map.of("notifications",
                Map.of("toolsListChanged", true, "resourceSubscriptions", List.of(ClusterTools.NOTE)))))) {
            assertThat(listen.nextMessage(WAIT).path("method").asString())
                .isEqualTo("notifications/subscriptions/acknowledged");

            nodes.context(0).getBean(ResourceUpdates.class).resourceUpdated(ClusterTools.NOTE);
            JsonNode updated = listen.nextMessage(WAIT);
            McpTestClient other = session().on(0);
            other.callTool("addTool", Map.of("name", "modern_" + System.nanoTime()));
            JsonNode changed = listen.nextMessage(WAIT);

            assertThat(updated.path("method").asString()).isEqualTo("notifications/resources/updated");
            assertThat(updated.path("params").path("uri").asString()).isEqualTo(ClusterTools.NOTE);
            assertThat(changed.path("method").asString()).isEqualTo("notifications/tools/list_changed");
        }
    }

    @Test
    void theSessionLimitHoldsAcrossInstances() {
        try (RedisServerProcess ownRedis = RedisServerProcess.launch();
                ClusterNodes limited = ClusterNodes.start(2, ownRedis.port(), "mcp.server.session.max-sessions=2")) {
            assertThat(limited.client(0).initialize(VERSION).status()).isEqualTo(200);
            assertThat(limited.client(1).initialize(VERSION).status()).isEqualTo(200);

            assertThat(limited.client(0).initialize(VERSION).status()).isEqualTo(503);
            assertThat(limited.client(1).initialize(VERSION).status()).isEqualTo(503);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode nextMessage(SseSubscription stream) {
        return stream.nextMessage(WAIT);
    }
}
