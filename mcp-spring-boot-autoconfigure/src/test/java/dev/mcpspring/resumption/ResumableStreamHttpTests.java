package dev.mcpspring.resumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.InMemoryEventStore;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseEvent;
import dev.mcpspring.testclient.SseSubscription;
import dev.mcpspring.transport.McpTestApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Resumable SSE streams (SEP-1699) over real HTTP: priming events, event ids, and resumption with
 * {@code Last-Event-ID} after a connection is lost or closed by a tool.
 */
@SpringBootTest(classes = { McpTestApplication.class, ResumptionTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.sse.retry=750ms", "mcp.server.transport.keep-alive-interval=200ms" })
class ResumableStreamHttpTests extends ResumptionTestSupport {

    private static final String LATEST = "2025-11-25";

    private static final String OLDER = "2025-06-18";

    @Autowired
    SessionManager sessions;

    @Autowired
    EventStore eventStore;

    // ------------------------------------------------------------------ priming

    @Test
    void aRequestStreamOpensWithAPrimingEventThatHasAnIdTheRetryDelayAndEmptyData() {
        McpTestClient client = connected(LATEST);

        McpResponse response = client.callTool("countdown", Map.of("count", 2), "p");

        assertThat(response.isSse()).isTrue();
        List<SseEvent> events = response.events();
        SseEvent priming = events.get(0);
        assertThat(priming.id()).as("priming event id").isNotBlank();
        assertThat(priming.data()).isEmpty();
        assertThat(priming.retry()).as("retry from mcp.server.sse.retry").isEqualTo(750L);
        assertThat(events.subList(1, events.size())).as("every other event carries a message and an id")
            .allSatisfy(event -> {
                assertThat(event.hasData()).isTrue();
                assertThat(event.id()).isNotBlank();
            });
        assertThat(describeAll(events.subList(1, events.size()))).containsExactly("progress:p:1", "progress:p:2",
                "response:" + response.response().path("id").asString() + ":counted to 2");
    }

    @Test
    void theGetStreamOpensWithAPrimingEventToo() {
        McpTestClient client = connected(LATEST);

        try (SseSubscription stream = client.openStream()) {
            SseEvent priming = stream.nextEvent(WAIT);

            assertThat(priming.id()).isNotBlank();
            assertThat(priming.hasData()).isFalse();
            assertThat(priming.retry()).isEqualTo(750L);
        }
    }

    @Test
    void clientsOfOlderRevisionsNeverGetAPrimingEventNorARetryField() {
        McpTestClient client = connected(OLDER);

        McpResponse response = client.callTool("countdown", Map.of("count", 2), "old");

        assertThat(response.isSse()).isTrue();
        assertThat(response.events()).as("no event without data (they would parse it as JSON and fail)")
            .isNotEmpty()
            .allMatch(SseEvent::hasData);
        assertThat(response.events()).allMatch(event -> event.retry() == null);
        assertThat(response.body()).doesNotContain("retry:");
        try (SseSubscription stream = client.openStream()) {
            sessions.sendToSession(client.sessionId(), notification("notifications/hello"));
            SseEvent first = stream.nextEvent(WAIT);
            assertThat(first.hasData()).isTrue();
            assertThat(message(first).path("method").asString()).isEqualTo("notifications/hello");
        }
    }

    @Test
    void aQuickAnswerStaysAPlainJsonResponse() {
        McpTestClient client = connected(LATEST);

        McpResponse response = client.ping();

        assertThat(response.isJson()).isTrue();
    }

    // ------------------------------------------------------------------ event ids

    @Test
    void eventIdsAreUniqueInTheSessionAndNameTheirStream() {
        McpTestClient client = connected(LATEST);
        List<List<SseEvent>> streams = new ArrayList<>();
        streams.add(client.callTool("countdown", Map.of("count", 3), "a").events());
        streams.add(client.callTool("countdown", Map.of("count", 2), "b").events());
        try (SseSubscription get = client.openStream()) {
            List<SseEvent> getEvents = new ArrayList<>();
            getEvents.add(get.nextEvent(WAIT));
            sessions.sendToSession(client.sessionId(), notification("notifications/one"));
            sessions.sendToSession(client.sessionId(), notification("notifications/two"));
            getEvents.add(get.nextEvent(WAIT));
            getEvents.add(get.nextEvent(WAIT));
            streams.add(getEvents);
        }

        Set<String> allIds = new HashSet<>();
        Set<String> streamNames = new HashSet<>();
        for (List<SseEvent> events : streams) {
            String stream = streamOf(events.get(0).id());
            streamNames.add(stream);
            long previous = -1;
            for (SseEvent event : events) {
                assertThat(allIds.add(event.id())).as("id %s unique in the session", event.id()).isTrue();
                assertThat(streamOf(event.id())).as("every event of a stream names it").isEqualTo(stream);
                assertThat(sequenceOf(event.id())).as("ids count up within the stream").isGreaterThan(previous);
                previous = sequenceOf(event.id());
            }
        }
        assertThat(streamNames).as("each stream has its own name").hasSize(3);
    }

    // ------------------------------------------------------------------ resumption

    @Test
    void aClientThatLostItsConnectionResumesAndGetsEveryEventExactlyOnceInOrder() {
        McpTestClient client = connected(LATEST);
        long id = client.nextId();
        List<SseEvent> received = new ArrayList<>();
        String lastEventId;
        try (SseSubscription post = startCall(client, id, "countdown", Map.of("count", 20, "pauseMillis", 40),
                "cut")) {
            assertThat(post.nextEvent(WAIT).hasData()).as("priming event first").isFalse();
            for (int i = 0; i < 5; i++) {
                received.add(nextDataEvent(post));
            }
            lastEventId = received.get(4).id();
        } // the connection drops here; the tool carries on
        ResumptionTools.sleep(300); // several events are sent while the client is away

        try (SseSubscription resumed = resume(client, lastEventId)) {
            assertThat(resumed.status()).isEqualTo(200);
            List<SseEvent> rest = dataEventsUntilResponse(resumed);
            received.addAll(rest);

            assertThat(describeAll(received)).containsExactlyElementsOf(countdown("cut", id, 1, 20, 20));
            assertThat(rest).as("the resumed stream is the same stream, continued")
                .allSatisfy(event -> assertThat(streamOf(event.id())).isEqualTo(streamOf(lastEventId)));
            assertThat(sequenceOf(rest.get(0).id())).isEqualTo(sequenceOf(lastEventId) + 1);
            assertThat(resumed.awaitClosed(WAIT)).as("the stream ends after the response").isTrue();
            assertThat(resumed.events()).as("nothing after the response").hasSize(rest.size());
        }
    }

    @Test
    void resumingAfterTheResponseWasSentReplaysTheRestAndEnds() {
        McpTestClient client = connected(LATEST);
        McpResponse full = client.callTool("countdown", Map.of("count", 5), "late");
        List<SseEvent> data = full.events().stream().filter(SseEvent::hasData).toList();
        long id = full.response().path("id").asLong();

        try (SseSubscription resumed = resume(client, data.get(1).id())) {
            List<SseEvent> rest = dataEventsUntilResponse(resumed);

            assertThat(describeAll(rest)).containsExactlyElementsOf(countdown("late", id, 3, 5, 5));
            assertThat(resumed.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void resumingFromThePrimingEventReplaysTheWholeStream() {
        McpTestClient client = connected(LATEST);
        McpResponse full = client.callTool("countdown", Map.of("count", 3), "all");

        try (SseSubscription resumed = resume(client, full.events().get(0).id())) {
            assertThat(describeAll(dataEventsUntilResponse(resumed)))
                .containsExactlyElementsOf(describeAll(full.events().subList(1, full.events().size())));
        }
    }

    @Test
    void theLastEventIdOfAnotherStreamNeverBringsThatStreamsEvents() {
        McpTestClient client = connected(LATEST);
        long idA = client.nextId();
        long idB = client.nextId();
        SseSubscription postA = startCall(client, idA, "countdown", Map.of("count", 15, "pauseMillis", 40), "A");
        SseSubscription postB = startCall(client, idB, "countdown", Map.of("count", 8, "pauseMillis", 10), "B");
        List<SseEvent> fromA = new ArrayList<>();
        fromA.add(nextDataEvent(postA));
        fromA.add(nextDataEvent(postA));
        postA.close(); // A runs on while the client is away, and so does B
        List<SseEvent> fromB = dataEventsUntilResponse(postB);
        postB.close();
        ResumptionTools.sleep(100);

        // A is still running: what it missed comes from the store, the rest live
        try (SseSubscription resumedA = resume(client, fromA.get(1).id())) {
            List<SseEvent> restOfA = dataEventsUntilResponse(resumedA);

            assertThat(describeAll(restOfA)).containsExactlyElementsOf(countdown("A", idA, 3, 15, 15));
            assertThat(resumedA.awaitClosed(WAIT)).isTrue();
            assertThat(describeAll(resumedA.events().stream().filter(SseEvent::hasData).toList()))
                .noneMatch(text -> text.contains(":B:") || text.startsWith("response:" + idB));
        }
        // B has answered: its stream comes from the store alone
        try (SseSubscription resumedB = resume(client, fromB.get(5).id())) {
            assertThat(describeAll(dataEventsUntilResponse(resumedB)))
                .containsExactlyElementsOf(countdown("B", idB, 7, 8, 8));
            assertThat(resumedB.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void theGetStreamIsResumedWithWhatWasMissedAndThenCarriesOn() {
        McpTestClient client = connected(LATEST);
        String lastEventId;
        try (SseSubscription get = client.openStream()) {
            assertThat(get.nextEvent(WAIT).hasData()).isFalse();
            sessions.sendToSession(client.sessionId(), notification("notifications/one"));
            lastEventId = nextDataEvent(get).id();
        }
        sessions.sendToSession(client.sessionId(), notification("notifications/two"));
        sessions.sendToSession(client.sessionId(), notification("notifications/three"));

        try (SseSubscription resumed = resume(client, lastEventId)) {
            assertThat(message(nextDataEvent(resumed)).path("method").asString()).isEqualTo("notifications/two");
            assertThat(message(nextDataEvent(resumed)).path("method").asString()).isEqualTo("notifications/three");

            sessions.sendToSession(client.sessionId(), notification("notifications/four"));
            SseEvent live = nextDataEvent(resumed);
            assertThat(message(live).path("method").asString()).isEqualTo("notifications/four");
            assertThat(streamOf(live.id())).isEqualTo(streamOf(lastEventId));
            assertThat(resumed.isClosed()).as("the GET stream carries on").isFalse();
            assertThat(resumed.events()).as("nothing twice, no priming on a resumed connection")
                .extracting(SseEvent::id).doesNotHaveDuplicates().doesNotContain(lastEventId);
        }
    }

    // ------------------------------------------------------------------ refusals

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "r999:0", "get:99999", "get:-1", ":3", "r1:", "r1:2:3" })
    void anUnknownLastEventIdIs400AndTheSessionLivesOn(String lastEventId) {
        McpTestClient client = connected(LATEST);
        client.callTool("countdown", Map.of("count", 1), "x");

        McpResponse response = refused(client, lastEventId);

        assertThat(response.status()).as("not 404, which would tell the client to start a new session")
            .isEqualTo(400);
        JsonNode error = response.json().path("error");
        assertThat(error.path("code").asInt()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(error.path("message").asString()).contains("Last-Event-ID");
        assertThat(client.ping().result().isObject()).isTrue();
    }

    @Test
    void anEventIdOfAnotherSessionIsUnknownHere() {
        McpTestClient alice = connected(LATEST);
        McpTestClient bob = connected(LATEST);
        String aliceEvent = alice.callTool("countdown", Map.of("count", 2), "alice").events().get(1).id();

        McpResponse response = refused(bob, aliceEvent);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("alice");
    }

    // ------------------------------------------------------------------ closing the connection on purpose

    @Test
    void aToolCanCloseItsConnectionAndTheClientCollectsTheRestWithAGet() {
        McpTestClient client = connected(LATEST);
        long id = client.nextId();

        McpResponse response = client.post(client.message(id, "tools/call",
                client.callToolParams("poll_me", Map.of("count", 3), "poll"))).send();

        assertThat(response.isSse()).isTrue();
        assertThat(response.events()).as("just the priming event, then the connection closed").singleElement()
            .satisfies(priming -> {
                assertThat(priming.hasData()).isFalse();
                assertThat(priming.retry()).isEqualTo(750L);
            });
        try (SseSubscription resumed = resume(client, response.events().get(0).id())) {
            assertThat(describeAll(dataEventsUntilResponse(resumed))).containsExactly("progress:poll:1",
                    "progress:poll:2", "progress:poll:3", "response:" + id + ":closed=true");
            assertThat(resumed.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void closingTheConnectionIsRefusedForOlderClientsThatCouldNotResume() {
        McpTestClient client = connected(OLDER);

        McpResponse response = client.callTool("poll_me", Map.of("count", 1), "old");

        assertThat(response.events()).allMatch(SseEvent::hasData);
        assertThat(describeAll(response.events())).containsExactly("progress:old:1",
                "response:" + response.response().path("id").asString() + ":closed=false");
    }

    // ------------------------------------------------------------------ memory

    @Test
    void closingTheSessionForgetsItsStreams() {
        McpTestClient client = connected(LATEST);
        client.callTool("countdown", Map.of("count", 2), "m");
        InMemoryEventStore store = (InMemoryEventStore) eventStore;
        assertThat(store.streamCount(client.sessionId())).isPositive();

        client.deleteSession();

        assertThat(store.streamCount(client.sessionId())).isZero();
    }

    private static JsonRpcMessage notification(String method) {
        return new JsonRpcMessage.Notification(method, JsonNodeFactory.instance.objectNode());
    }
}
