package dev.mcpspring.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.server.ResourceUpdates;
import dev.mcpspring.session.redis.RedisSessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import dev.mcpspring.testclient.SseEvent;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;

/**
 * Instances and Redis going away, and what a request costs in Redis: each test gets its own Redis and two
 * instances.
 */
class RedisClusterFaultHttpTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String VERSION = "2025-11-25";

    private RedisServerProcess redis;

    private ClusterNodes nodes;

    @BeforeEach
    void startCluster() {
        redis = RedisServerProcess.launch();
        nodes = ClusterNodes.start(2, redis.port(), List.of(ClusterTools.class),
                "mcp.server.transport.keep-alive-interval=200ms", "mcp.server.session.redis.heartbeat=200ms");
    }

    @AfterEach
    void stopCluster() {
        nodes.close();
        redis.close();
    }

    private RoundRobinClient session() {
        return nodes.roundRobin().connect(VERSION, Map.of("sampling", Map.of()));
    }

    @Test
    void aSessionLivesOnWhenTheInstanceThatCreatedItStops() {
        RoundRobinClient client = session();

        nodes.stop(0);

        McpResponse echo = client.on(1).callTool("echo", Map.of("text", "still here"));
        assertThat(echo.result().path("content").path(0).path("text").asString()).isEqualTo("still here");
        nodes.restart(0);
        assertThat(client.on(0).callTool("echo", Map.of("text", "back")).status()).isEqualTo(200);
    }

    @Test
    void aCallRunningOnAnInstanceThatStopsEndsWithAnErrorWhenResumedElsewhere() {
        RoundRobinClient client = session();
        String lastEventId;
        JsonNode callId;
        try (OpenRequest call = client.on(0).startToolCall("ask", Map.of("prompt", "never answered"))) {
            call.nextRequest("sampling/createMessage", WAIT);
            callId = call.id();
            lastEventId = call.subscription().events().stream().filter(SseEvent::hasData)
                .reduce((a, b) -> b).orElseThrow().id();

            nodes.stop(0);
        }

        try (SseSubscription resumed = client.on(1).get().header("Last-Event-ID", lastEventId).openStream()) {
            JsonNode answer = resumed.nextMessage(WAIT);
            while (!answer.has("id") || answer.has("method")) { // e.g. the withdrawn sampling request's cancellation
                answer = resumed.nextMessage(WAIT);
            }

            assertThat(answer.get("id").asLong()).isEqualTo(callId.asLong());
            // the stopping instance withdrew the sampling request, so the tool failed (isError), or it had no time
            // to answer, and the other instance answers for it
            assertThat(answer.path("result").path("isError").asBoolean()
                    || List.of(ErrorCodes.INTERNAL_ERROR, ErrorCodes.REQUEST_CANCELLED)
                        .contains(answer.path("error").path("code").asInt()))
                .as("an error: " + answer).isTrue();
            assertThat(resumed.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void withRedisGoneRequestsFailFastWith503AndTheServiceRecoversWhenItReturns() throws Exception {
        RoundRobinClient client = session();
        client.on(1).callTool("echo", Map.of("text", "cached on 1"));

        redis.stop();
        long start = System.nanoTime();
        McpResponse call = client.on(1).callTool("echo", Map.of("text", "no redis"));
        McpResponse initialize = nodes.client(0).initialize(VERSION);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(call.status()).isEqualTo(503);
        assertThat(call.errorCode()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(call.errorMessage()).contains("cannot be reached now", "the session store", "retry shortly");
        assertThat(call.body()).doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(initialize.status()).isEqualTo(503);
        assertThat(millis).as("failing fast").isLessThan(WAIT.toMillis());
        assertThatCode(() -> updates(0).resourceUpdated(ClusterTools.NOTE))
            .as("an update announced meanwhile is missed, not thrown at the application").doesNotThrowAnyException();
        assertThat(redisHealth()).as("Spring Boot's Redis health indicator").isEqualTo(Status.DOWN);

        redis.start(); // empty: the old session is gone
        McpTestClient fresh = awaitInitialize();
        assertThat(redisHealth()).isEqualTo(Status.UP);
        RoundRobinClient recovered = nodes.roundRobin().share(fresh.sessionId(), fresh.protocolVersion());
        awaitStatus(recovered.on(1), 200); // each instance reconnects to Redis on its own schedule
        assertThat(recovered.on(1).callTool("echo", Map.of("text", "back")).status()).isEqualTo(200);
        awaitStatus(client.on(0), 404); // the session was lost with Redis' data: the instances find out
        awaitStatus(client.on(1), 404);
    }

    private static void awaitStatus(McpTestClient client, int status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (McpResponse response = client.ping(); response.status() != status; response = client.ping()) {
            assertThat(System.nanoTime()).as("status " + status + " in time: " + response).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** What Spring Boot's Redis health indicator (Actuator's, when it is on) says on node 0's connection. */
    private Status redisHealth() {
        return new DataRedisHealthIndicator(nodes.context(0).getBean(RedisConnectionFactory.class)).health(false)
            .getStatus();
    }

    /** Initializes on node 0 as soon as Redis answers again. */
    private McpTestClient awaitInitialize() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos() * 2;
        while (true) {
            McpTestClient client = nodes.client(0);
            McpResponse response = client.initialize(VERSION);
            if (response.status() == 200) {
                return client;
            }
            assertThat(System.nanoTime()).as("initialize after Redis came back: " + response).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void anAnswerPostedToAnotherInstanceAfterRedisStalledLongerThanTheNodeTimeToLiveStillCompletesTheCall() {
        RoundRobinClient client = session();
        try (OpenRequest call = client.on(0).startToolCall("ask", Map.of("prompt", "Capital of France?"))) {
            JsonNode request = call.nextRequest("sampling/createMessage", WAIT);

            // heartbeats of 200 ms: the keys that route the answer expire after 600 ms, and Redis' clock runs on
            redis.stall(Duration.ofMillis(1500));

            assertThat(client.on(1).respond(request.get("id"), ClusterTools.textResult("Paris")).status())
                .isEqualTo(202);
            assertThat(call.result(WAIT).path("content").path(0).path("text").asString()).isEqualTo("Paris");
        }
    }

    @Test
    void sessionDataOfAnotherShapeFailsThatSessionsRequestsWith500NotARetryFor503() {
        RoundRobinClient broken = session();
        RoundRobinClient healthy = session();
        String key = "mcp:s:" + broken.sessionId();

        assertThat(redis.command("HSET", key, "generation", "not a number")).isEqualTo(0L);
        assertThat(broken.on(0).callTool("echo", Map.of("text", "still read")).result().path("content").path(0)
            .path("text").asString()).as("a generation that is no number reads as none").isEqualTo("still read");

        assertThat(redis.command("DEL", key)).isEqualTo(1L);
        assertThat(redis.command("SET", key, "garbage")).isEqualTo("OK");
        for (int node = 0; node < 2; node++) {
            McpResponse refused = broken.on(node).callTool("echo", Map.of("text", "x"));
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
            assertThat(refused.json().path("error").path("message").asString()).contains("its log says why")
                .doesNotContain("WRONGTYPE");
            assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        }
        assertThat(healthy.on(1).callTool("echo", Map.of("text", "fine")).status()).isEqualTo(200);
    }

    @Test
    void aCallWhoseInstanceVanishedIsAnsweredWithAnErrorByTheInstanceTheClientResumesOn() {
        try (RedisServerProcess ownRedis = RedisServerProcess.launch();
                ClusterNodes slowBeats = ClusterNodes.start(2, ownRedis.port(), List.of(ClusterTools.class),
                        "mcp.server.session.redis.heartbeat=10s")) {
            McpTestClient caller = slowBeats.client(0);
            caller.connect(VERSION, Map.of("sampling", Map.of()));
            McpTestClient resumer = slowBeats.client(1).sessionId(caller.sessionId()).protocolVersion(VERSION);
            String lastEventId;
            JsonNode callId;
            try (OpenRequest call = caller.startToolCall("ask", Map.of("prompt", "lost"))) {
                call.nextRequest("sampling/createMessage", WAIT);
                callId = call.id();
                lastEventId = call.subscription().events().stream().filter(SseEvent::hasData)
                    .reduce((a, b) -> b).orElseThrow().id();
            }
            // the instance running the call stops renewing its liveness, as if its machine had died
            String instance = lastEventId.substring(lastEventId.indexOf('.') + 1, lastEventId.indexOf(':'));
            assertThat(ownRedis.command("DEL", "mcp:node:" + instance)).isEqualTo(1L);

            for (int attempt = 0; attempt < 2; attempt++) { // the error is kept: a second resumption gets it too
                try (SseSubscription resumed = resumer.get().header("Last-Event-ID", lastEventId).openStream()) {
                    JsonNode answer = resumed.nextMessage(WAIT);

                    assertThat(answer.get("id").asLong()).isEqualTo(callId.asLong());
                    assertThat(answer.path("error").path("code").asInt()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
                    assertThat(answer.path("error").path("message").asString()).contains("stopped before it answered");
                    assertThat(resumed.awaitClosed(WAIT)).isTrue();
                }
            }
        }
    }

    @Test
    void aStandaloneStreamResumesOnAnotherInstanceAfterItsInstanceStopped() throws InterruptedException {
        RoundRobinClient client = session();
        assertThat(client.on(1).request("resources/subscribe", Map.of("uri", ClusterTools.NOTE)).status())
            .isEqualTo(200);
        String lastEventId;
        try (SseSubscription stream = client.on(0).openStream()) {
            updates(1).resourceUpdated(ClusterTools.NOTE);
            SseEvent first = nextDataEvent(stream);
            assertThat(first.data()).contains("notifications/resources/updated");
            lastEventId = first.id();

            nodes.stop(0); // the instance holding the stream goes away; the stream is taken over elsewhere
            assertThat(stream.awaitClosed(WAIT)).isTrue();
        }
        updates(1).resourceUpdated(ClusterTools.NOTE); // while no connection is open

        try (SseSubscription resumed = client.on(1).get().header("Last-Event-ID", lastEventId).openStream()) {
            SseEvent missed = nextDataEvent(resumed);
            updates(1).resourceUpdated(ClusterTools.NOTE);
            SseEvent live = nextDataEvent(resumed);

            assertThat(missed.data()).contains("notifications/resources/updated");
            assertThat(live.data()).contains("notifications/resources/updated");
            assertThat(List.of(lastEventId, missed.id(), live.id())).as("one stream, in order")
                .allMatch(id -> id.startsWith("get:"))
                .map(id -> Long.parseLong(id.substring(4))).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void anInstanceThatLostAStreamToAnotherLetsGoAndTheClientResumesWithTheNewOwner() {
        RoundRobinClient client = session();
        assertThat(client.on(1).request("resources/subscribe", Map.of("uri", ClusterTools.NOTE)).status())
            .isEqualTo(200);
        try (SseSubscription stream = client.on(0).openStream()) {
            updates(1).resourceUpdated(ClusterTools.NOTE);
            String lastEventId = nextDataEvent(stream).id();

            // as after Redis was away longer than three heartbeats and instance 1 claimed the stream meanwhile
            String other = nodes.context(1).getBean(RedisSessionManager.class).nodeId();
            redis.command("SET", "mcp:s:" + client.sessionId() + ":get", other);

            assertThat(stream.awaitClosed(WAIT)).as("instance 0 let go of the stream").isTrue();
            updates(0).resourceUpdated(ClusterTools.NOTE);
            try (SseSubscription resumed = client.on(0).get().header("Last-Event-ID", lastEventId).openStream()) {
                assertThat(nextDataEvent(resumed).data()).contains("notifications/resources/updated");
            }
        }
    }

    @Test
    void aSessionIsBoundToItsPrincipalOnEveryInstance() {
        try (RedisServerProcess ownRedis = RedisServerProcess.launch();
                ClusterNodes secured = ClusterNodes.start(2, ownRedis.port(), List.of(BasicAuthSecurity.class))) {
            McpTestClient alice = McpTestClient.builder(secured.endpoint(0))
                .header("Authorization", BasicAuthSecurity.basic("alice")).build();
            alice.connect(VERSION);
            McpTestClient aliceOnOne = McpTestClient.builder(secured.endpoint(1))
                .header("Authorization", BasicAuthSecurity.basic("alice")).build()
                .sessionId(alice.sessionId()).protocolVersion(VERSION);
            McpTestClient bobOnOne = McpTestClient.builder(secured.endpoint(1))
                .header("Authorization", BasicAuthSecurity.basic("bob")).build()
                .sessionId(alice.sessionId()).protocolVersion(VERSION);

            assertThat(bobOnOne.ping().status()).as("another principal").isEqualTo(404);
            assertThat(aliceOnOne.ping().status()).isEqualTo(200);
        }
    }

    private ResourceUpdates updates(int node) {
        return nodes.context(node).getBean(ResourceUpdates.class);
    }

    private static SseEvent nextDataEvent(SseSubscription stream) {
        SseEvent event = stream.nextEvent(WAIT);
        while (!event.hasData()) { // the priming event
            event = stream.nextEvent(WAIT);
        }
        return event;
    }

    @Test
    void aToolCallInAnExistingSessionCostsOneRedisRoundTrip() throws InterruptedException {
        RoundRobinClient client = session();
        client.on(0).callTool("echo", Map.of("text", "warm"));
        client.on(1).callTool("echo", Map.of("text", "warm"));
        int calls = 20;
        Thread.sleep(500); // a heartbeat deletes the warm-up calls' ids before the count starts

        redis.command("CONFIG", "RESETSTAT");
        for (int i = 0; i < calls; i++) {
            assertThat(client.next().callTool("echo", Map.of("text", "x" + i)).status()).isEqualTo(200);
        }
        Map<String, Long> stats = commandStats();

        assertThat(stats.getOrDefault("evalsha", 0L))
            .as("one script per call, registering its id and renewing the session: " + stats)
            .isEqualTo(calls);
        // Redis also counts the commands run inside the script (del of earlier calls' ids, set, pexpire, zadd, hget of
        // the state's generation); besides: the instances' heartbeats (psetex, del, pexpire, zadd, exists, eval;
        // zrangebyscore looking for expired sessions to report). No hgetall: no instance reloads an unchanged state.
        assertThat(stats.keySet()).as("no other command: " + stats).isSubsetOf(Set.of("evalsha", "eval", "set", "del",
                "pexpire", "zadd", "hget", "exists", "psetex", "hello", "config", "zrangebyscore"));
        assertThat(stats.getOrDefault("del", 0L)).as("at most one deletion per call").isLessThanOrEqualTo(calls);
    }

    private Map<String, Long> commandStats() {
        String info = String.valueOf(redis.command("INFO", "commandstats"));
        Map<String, Long> stats = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String calls = line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls=")));
                stats.put(name.replace('|', ' ').split(" ")[0], stats.getOrDefault(name, 0L) + Long.parseLong(calls));
            }
        }
        return stats;
    }
}
