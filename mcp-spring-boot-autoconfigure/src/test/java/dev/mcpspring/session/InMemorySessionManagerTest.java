package dev.mcpspring.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@link InMemorySessionManager}: creation, limit, idle expiry, standalone stream queueing, pending requests. */
class InMemorySessionManagerTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<InMemorySessionManager> managers = new ArrayList<>();

    @AfterEach
    void closeManagers() {
        managers.forEach(InMemorySessionManager::close);
    }

    // ------------------------------------------------------------------ creation and limit

    @Test
    void createdSessionsCanBeFoundAndClosed() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);

        McpSession session = manager.create("alice");

        assertThat(session.id()).isNotBlank();
        assertThat(session.principal()).isEqualTo("alice");
        assertThat(session.isInitialized()).isFalse();
        assertThat(manager.find(session.id())).containsSame(session);
        assertThat(manager.sessionCount()).isEqualTo(1);

        assertThat(manager.close(session.id())).isTrue();
        assertThat(manager.find(session.id())).isEmpty();
        assertThat(manager.close(session.id())).isFalse();
        assertThat(manager.sessionCount()).isZero();
    }

    @Test
    void findAndCloseTolerateNullAndUnknownIds() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);

        assertThat(manager.find(null)).isEmpty();
        assertThat(manager.find("nope")).isEmpty();
        assertThat(manager.close(null)).isFalse();
        assertThat(manager.close("nope")).isFalse();
        assertThat(manager.sendToSession("nope", notification("x"))).isFalse();
    }

    @Test
    void sessionIdsAreDistinctAndLongEnough() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10_000, 10);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            ids.add(manager.create(null).id());
        }

        assertThat(ids).doesNotHaveDuplicates()
            .allSatisfy(id -> assertThat(id).hasSizeGreaterThanOrEqualTo(22).matches("[\\x21-\\x7E]+"));
    }

    @Test
    void theSessionLimitIsEnforcedAndFreedSlotsAreReusable() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 2, 10);
        McpSession first = manager.create(null);
        manager.create(null);

        assertThatThrownBy(() -> manager.create(null)).isInstanceOf(SessionLimitExceededException.class)
            .hasMessageContaining("limit of 2");
        assertThat(manager.sessionCount()).isEqualTo(2);

        manager.close(first.id());
        assertThat(manager.create(null).id()).isNotEqualTo(first.id());
        assertThat(manager.sessionCount()).isEqualTo(2);
    }

    @Test
    void theLimitHoldsUnderConcurrentCreation() throws Exception {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            attempts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    manager.create(null);
                    return true;
                }
                catch (SessionLimitExceededException ex) {
                    return false;
                }
            }));
        }

        long created = 0;
        for (CompletableFuture<Boolean> attempt : attempts) {
            created += attempt.get(5, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(created).isEqualTo(10);
        assertThat(manager.sessionCount()).isEqualTo(10);
    }

    // ------------------------------------------------------------------ expiry

    @Test
    void anIdleSessionExpiresAfterTheTimeout() {
        InMemorySessionManager manager = manager(Duration.ofMillis(300), 10, 10);
        long created = System.nanoTime();
        McpSession session = manager.create(null);

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
            .until(() -> manager.find(session.id()).isEmpty());

        assertThat(elapsedMillis(created)).isGreaterThanOrEqualTo(300);
        assertThat(manager.sessionCount()).isZero();
    }

    @Test
    void expiryIsMeasuredFromTheEndOfTheLastActivity() {
        InMemorySessionManager manager = manager(Duration.ofMillis(300), 10, 10);
        McpSession session = manager.create(null);
        SessionManager.Activity activity = manager.beginActivity(session.id());

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
            .until(() -> manager.find(session.id()).isPresent());

        long ended = System.nanoTime();
        activity.close();
        manager.expireIdleSessions();
        assertThat(manager.find(session.id())).as("just after the activity ended").isPresent();

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
            .until(() -> manager.find(session.id()).isEmpty());
        assertThat(elapsedMillis(ended)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void overlappingActivitiesKeepTheSessionUntilTheLastEnds() {
        InMemorySessionManager manager = manager(Duration.ofMillis(200), 10, 10);
        McpSession session = manager.create(null);
        SessionManager.Activity first = manager.beginActivity(session.id());
        SessionManager.Activity second = manager.beginActivity(session.id());

        first.close();
        first.close(); // idempotent: must not end the second activity
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
            .until(() -> manager.find(session.id()).isPresent());

        second.close();
        await().atMost(Duration.ofSeconds(3)).until(() -> manager.find(session.id()).isEmpty());
    }

    @Test
    void anOpenStandaloneStreamKeepsTheSessionAlive() {
        InMemorySessionManager manager = manager(Duration.ofMillis(200), 10, 10);
        McpSession session = manager.create(null);
        RecordingSink sink = new RecordingSink();
        SessionManager.Activity stream = manager.openStandaloneStream(session.id(), sink);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
            .until(() -> manager.find(session.id()).isPresent());

        stream.close();
        await().atMost(Duration.ofSeconds(3)).until(() -> manager.find(session.id()).isEmpty());
    }

    @Test
    void expiryClosesTheStreamAndFailsPendingRequests() {
        InMemorySessionManager manager = manager(Duration.ofMillis(200), 10, 10);
        McpSession session = manager.create(null);
        CompletableFuture<JsonRpcMessage> pending = manager.expectResponse(session.id(), NODES.numberNode(1));

        await().atMost(Duration.ofSeconds(3)).until(() -> manager.find(session.id()).isEmpty() && pending.isDone());

        assertThat(pending).isCompletedExceptionally();
        assertThatThrownBy(pending::join).hasCauseInstanceOf(SessionClosedException.class);
    }

    @Test
    void beginActivityOnAnUnknownSessionIsRefused() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);

        assertThatThrownBy(() -> manager.beginActivity("nope")).isInstanceOf(SessionClosedException.class);
        assertThat(manager.sessionCount()).isZero();
    }

    @Test
    void anExpiredSessionCannotBeginActivityAgain() {
        InMemorySessionManager manager = manager(Duration.ofMillis(1), 10, 10);
        McpSession session = manager.create(null);

        await().atMost(Duration.ofSeconds(5)).until(() -> manager.find(session.id()).isEmpty());

        assertThatThrownBy(() -> manager.beginActivity(session.id())).isInstanceOf(SessionClosedException.class);
    }

    // ------------------------------------------------------------------ standalone stream

    @Test
    void messagesAreQueuedUntilAStreamOpensThenDeliveredInOrder() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        McpSession session = manager.create(null);

        assertThat(manager.sendToSession(session.id(), notification("one"))).isTrue();
        assertThat(manager.sendToSession(session.id(), notification("two"))).isTrue();

        RecordingSink sink = new RecordingSink();
        manager.openStandaloneStream(session.id(), sink);
        assertThat(sink.methods()).containsExactly("one", "two");

        manager.sendToSession(session.id(), notification("three"));
        assertThat(sink.methods()).containsExactly("one", "two", "three");
    }

    @Test
    void theQueueKeepsOnlyTheNewestMessages() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 3);
        McpSession session = manager.create(null);
        for (int i = 1; i <= 5; i++) {
            manager.sendToSession(session.id(), notification("m" + i));
        }

        RecordingSink sink = new RecordingSink();
        manager.openStandaloneStream(session.id(), sink);

        assertThat(sink.methods()).containsExactly("m3", "m4", "m5");
    }

    @Test
    void aMessageTheStreamCannotTakeIsKeptForTheNextStream() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        McpSession session = manager.create(null);
        RecordingSink broken = new RecordingSink();
        SessionManager.Activity first = manager.openStandaloneStream(session.id(), broken);
        broken.open = false;

        manager.sendToSession(session.id(), notification("kept"));
        first.close();

        RecordingSink next = new RecordingSink();
        manager.openStandaloneStream(session.id(), next);
        assertThat(broken.methods()).isEmpty();
        assertThat(next.methods()).containsExactly("kept");
    }

    @Test
    void onlyOneStandaloneStreamMayBeOpen() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        McpSession session = manager.create(null);
        SessionManager.Activity first = manager.openStandaloneStream(session.id(), new RecordingSink());

        assertThatThrownBy(() -> manager.openStandaloneStream(session.id(), new RecordingSink()))
            .isInstanceOf(StreamConflictException.class);

        first.close();
        RecordingSink second = new RecordingSink();
        manager.openStandaloneStream(session.id(), second);
        manager.sendToSession(session.id(), notification("to-second"));
        assertThat(second.methods()).containsExactly("to-second");
    }

    @Test
    void aStreamThatClosedItselfCanBeReplacedEvenBeforeItsActivityEnds() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        McpSession session = manager.create(null);
        RecordingSink dead = new RecordingSink();
        manager.openStandaloneStream(session.id(), dead);
        dead.open = false;

        RecordingSink replacement = new RecordingSink();
        manager.openStandaloneStream(session.id(), replacement);
        manager.sendToSession(session.id(), notification("x"));

        assertThat(replacement.methods()).containsExactly("x");
    }

    @Test
    void openingAStreamOnAnUnknownSessionFails() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);

        assertThatThrownBy(() -> manager.openStandaloneStream("nope", new RecordingSink()))
            .isInstanceOf(SessionClosedException.class);
    }

    @Test
    void closingTheSessionClosesItsStream() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        McpSession session = manager.create(null);
        RecordingSink sink = new RecordingSink();
        manager.openStandaloneStream(session.id(), sink);

        manager.close(session.id());

        assertThat(sink.closed).isTrue();
    }

    // ------------------------------------------------------------------ pending requests

    @Test
    void aResponseCompletesThePendingRequestWithTheSameId() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        McpSession session = manager.create(null);
        CompletableFuture<JsonRpcMessage> pending = manager.expectResponse(session.id(), NODES.numberNode(7));
        JsonRpcMessage.Response response = new JsonRpcMessage.Response(NODES.numberNode(7L), NODES.objectNode());

        assertThat(manager.deliverResponse(session.id(), response)).isTrue();

        assertThat(pending).isCompletedWithValue(response);
        assertThat(manager.deliverResponse(session.id(), response)).as("only once").isFalse();
    }

    @Test
    void pendingIdsMatchByJsonValueNotByJavaType() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();

        CompletableFuture<JsonRpcMessage> intId = manager.expectResponse(id, NODES.numberNode(7));
        assertThat(manager.deliverResponse(id, result(NODES.stringNode("7")))).as("\"7\" is not 7").isFalse();
        assertThat(intId).isNotDone();
        assertThat(manager.deliverResponse(id, result(NODES.numberNode(7L)))).as("7L is 7").isTrue();
        assertThat(intId).isDone();

        CompletableFuture<JsonRpcMessage> longId = manager.expectResponse(id, NODES.numberNode(8L));
        assertThat(manager.deliverResponse(id, result(NODES.numberNode(new BigInteger("8"))))).isTrue();
        assertThat(longId).isDone();

        CompletableFuture<JsonRpcMessage> stringId = manager.expectResponse(id, NODES.stringNode("7"));
        assertThat(manager.deliverResponse(id, result(NODES.numberNode(7)))).as("7 is not \"7\"").isFalse();
        assertThat(manager.deliverResponse(id, result(NODES.stringNode("7")))).isTrue();
        assertThat(stringId).isDone();

        CompletableFuture<JsonRpcMessage> big = manager.expectResponse(id,
                NODES.numberNode(new BigInteger("123456789012345678901234567890")));
        assertThat(manager.deliverResponse(id,
                result(NODES.numberNode(new BigInteger("123456789012345678901234567891"))))).isFalse();
        assertThat(manager.deliverResponse(id,
                result(NODES.numberNode(new BigInteger("123456789012345678901234567890"))))).isTrue();
        assertThat(big).isDone();
    }

    @Test
    void errorResponsesCompleteThePendingRequestToo() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        CompletableFuture<JsonRpcMessage> pending = manager.expectResponse(id, NODES.stringNode("s-1"));
        JsonRpcMessage.ErrorResponse error = new JsonRpcMessage.ErrorResponse(NODES.stringNode("s-1"),
                new JsonRpcError(-1, "declined"));

        assertThat(manager.deliverResponse(id, error)).isTrue();
        assertThat(pending).isCompletedWithValue(error);
    }

    @Test
    void responsesWithoutUsableIdOrSessionAreNotDelivered() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        manager.expectResponse(id, NODES.numberNode(1));

        assertThat(manager.deliverResponse(id, new JsonRpcMessage.ErrorResponse(NODES.nullNode(),
                new JsonRpcError(-32700, "parse")))).isFalse();
        assertThat(manager.deliverResponse(id, notification("not a response"))).isFalse();
        assertThat(manager.deliverResponse("other", result(NODES.numberNode(1)))).isFalse();
    }

    @Test
    void pendingRequestsAreScopedToTheirSession() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String a = manager.create(null).id();
        String b = manager.create(null).id();
        CompletableFuture<JsonRpcMessage> pending = manager.expectResponse(a, NODES.numberNode(1));

        assertThat(manager.deliverResponse(b, result(NODES.numberNode(1)))).isFalse();
        assertThat(pending).isNotDone();
        assertThat(manager.deliverResponse(a, result(NODES.numberNode(1)))).isTrue();
    }

    @Test
    void forgottenRequestsAreNoLongerCompleted() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        CompletableFuture<JsonRpcMessage> pending = manager.expectResponse(id, NODES.numberNode(3));

        manager.forgetPending(id, NODES.numberNode(3L));

        assertThat(manager.deliverResponse(id, result(NODES.numberNode(3)))).isFalse();
        assertThat(pending).isNotDone();
    }

    @Test
    void closingTheSessionFailsItsPendingRequests() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        CompletableFuture<JsonRpcMessage> pending = manager.expectResponse(id, NODES.numberNode(1));

        manager.close(id);

        assertThatThrownBy(pending::join).hasCauseInstanceOf(SessionClosedException.class);
    }

    @Test
    void expectingAResponseInAnUnknownSessionFailsAtOnce() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);

        CompletableFuture<JsonRpcMessage> pending = manager.expectResponse("nope", NODES.numberNode(1));

        assertThatThrownBy(pending::join).hasCauseInstanceOf(SessionClosedException.class);
    }

    @Test
    void closeEndsEverySession() {
        InMemorySessionManager manager = new InMemorySessionManager(Duration.ofMinutes(1), 10, 10);
        String a = manager.create(null).id();
        String b = manager.create(null).id();

        manager.close();

        assertThat(manager.find(a)).isEmpty();
        assertThat(manager.find(b)).isEmpty();
        assertThat(manager.sessionCount()).isZero();
    }

    @Test
    void aPendingRequestOfAClosedSessionFailsAtOnceEvenWhenTheSessionWasFoundBefore() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        manager.expectResponse(id, NODES.numberNode(1));
        manager.close(id);

        assertThatThrownBy(manager.expectResponse(id, NODES.numberNode(2))::join)
            .hasCauseInstanceOf(SessionClosedException.class);
    }

    @Test
    void manyPendingRequestsAreAnsweredIndependentlyAndTheirIdsCanBeUsedAgain() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<JsonRpcMessage>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(manager.expectResponse(id, NODES.numberNode(i)));
            }
            for (int i = 19; i >= 0; i--) {
                assertThat(manager.deliverResponse(id, result(NODES.numberNode(i)))).isTrue();
                assertThat(futures.get(i)).isDone();
            }
            assertThat(manager.deliverResponse(id, result(NODES.numberNode(0)))).isFalse();
        }
    }

    // ------------------------------------------------------------------ client requests in flight

    @Test
    void aRequestInFlightIsCancelledByItsIdOnce() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        List<SessionManager.Cancellation> cancellations = new CopyOnWriteArrayList<>();
        manager.registerInFlight(id, NODES.numberNode(5), cancellations::add);

        assertThat(manager.cancelInFlight(id, NODES.stringNode("5"), "wrong type")).isFalse();
        assertThat(manager.cancelInFlight(id, NODES.numberNode(5L), "enough")).isTrue();
        assertThat(manager.cancelInFlight(id, NODES.numberNode(5), "again")).isFalse();

        assertThat(cancellations).containsExactly(new SessionManager.Cancellation(true, "enough"));
    }

    @Test
    void aDuplicateIdIsRefusedWhileTheFirstRequestRunsAndAcceptedAfterItEnds() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        SessionManager.Activity first = manager.registerInFlight(id, NODES.numberNode(1), why -> { });
        SessionManager.Activity other = manager.registerInFlight(id, NODES.numberNode(2), why -> { });

        assertThatThrownBy(() -> manager.registerInFlight(id, NODES.numberNode(1L), why -> { }))
            .isInstanceOf(DuplicateRequestIdException.class);

        first.close();
        first.close();
        SessionManager.Activity again = manager.registerInFlight(id, NODES.numberNode(1), why -> { });
        other.close();
        again.close();
        // every table emptied and dropped: the ids are free again
        manager.registerInFlight(id, NODES.numberNode(1), why -> { }).close();
        manager.registerInFlight(id, NODES.numberNode(2), why -> { }).close();
    }

    @Test
    void endingACancelledRequestDoesNotUnregisterItsSuccessorWithTheSameId() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        SessionManager.Activity cancelled = manager.registerInFlight(id, NODES.numberNode(1), why -> { });
        manager.cancelInFlight(id, NODES.numberNode(1), null);
        AtomicBoolean successorCancelled = new AtomicBoolean();
        manager.registerInFlight(id, NODES.numberNode(1), why -> successorCancelled.set(true));

        cancelled.close();

        assertThat(manager.cancelInFlight(id, NODES.numberNode(1), null)).isTrue();
        assertThat(successorCancelled).isTrue();
    }

    @Test
    void closingTheSessionCancelsItsRequestsInFlightAndRefusesNewOnes() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        List<SessionManager.Cancellation> cancellations = new CopyOnWriteArrayList<>();
        manager.registerInFlight(id, NODES.numberNode(1), cancellations::add);
        manager.registerInFlight(id, NODES.numberNode(2), cancellations::add);

        manager.close(id);

        assertThat(cancellations).hasSize(2).allMatch(cancellation -> !cancellation.byClient());
        assertThatThrownBy(() -> manager.registerInFlight(id, NODES.numberNode(3), why -> { }))
            .isInstanceOf(SessionClosedException.class);
        assertThat(manager.cancelInFlight(id, NODES.numberNode(1), null)).isFalse();
    }

    @Test
    void concurrentRequestsOfOneSessionAreAllRegisteredAndCancellable() throws Exception {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        int threads = 4;
        int perThread = 2_000;
        AtomicInteger cancelled = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread;
                runs.add(pool.submit(() -> {
                    for (int i = offset; i < offset + perThread; i++) {
                        SessionManager.Activity request = manager.registerInFlight(id, NODES.numberNode(i),
                                why -> cancelled.incrementAndGet());
                        if (i % 2 == 0) {
                            assertThat(manager.cancelInFlight(id, NODES.numberNode(i), null)).isTrue();
                        }
                        request.close();
                        assertThat(manager.cancelInFlight(id, NODES.numberNode(i), null)).isFalse();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(cancelled).hasValue(threads * perThread / 2);
    }

    // ------------------------------------------------------------------ resource subscriptions

    @Test
    void onlySubscribedSessionsGetMessagesForAUri() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String subscriber = manager.create(null).id();
        String other = manager.create(null).id();
        RecordingSink subscriberSink = new RecordingSink();
        RecordingSink otherSink = new RecordingSink();
        manager.openStandaloneStream(subscriber, subscriberSink);
        manager.openStandaloneStream(other, otherSink);

        manager.subscribe(subscriber, "res://a");
        manager.subscribe(other, "res://b");
        manager.sendToSubscribers("res://a", notification("notifications/a"));

        assertThat(subscriberSink.methods()).containsExactly("notifications/a");
        assertThat(otherSink.methods()).isEmpty();

        assertThat(manager.unsubscribe(subscriber, "res://a")).isTrue();
        assertThat(manager.unsubscribe(subscriber, "res://a")).isFalse();
        manager.sendToSubscribers("res://a", notification("notifications/a"));
        assertThat(subscriberSink.methods()).containsExactly("notifications/a");
    }

    @Test
    void closingASessionEndsItsSubscriptions() {
        List<String> routed = new CopyOnWriteArrayList<>();
        InMemorySessionManager manager = new InMemorySessionManager(Duration.ofMinutes(1), 10, 10) {
            @Override
            public boolean sendToSession(String sessionId, JsonRpcMessage message) {
                routed.add(sessionId);
                return super.sendToSession(sessionId, message);
            }
        };
        managers.add(manager);
        String closed = manager.create(null).id();
        manager.subscribe(closed, "res://a");

        manager.close(closed);
        manager.sendToSubscribers("res://a", notification("notifications/a"));

        assertThat(routed).isEmpty();
        assertThat(manager.unsubscribe(closed, "res://a")).isFalse();
    }

    @Test
    void aClosedSessionCannotSubscribe() {
        InMemorySessionManager manager = manager(Duration.ofMinutes(1), 10, 10);
        String id = manager.create(null).id();
        manager.close(id);

        assertThatThrownBy(() -> manager.subscribe(id, "res://a")).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(() -> manager.subscribe("unknown", "res://a")).isInstanceOf(SessionClosedException.class);
    }

    /**
     * One session keeps subscribing to and unsubscribing from a URI while another subscribes, checks, and
     * unsubscribes. The second session's subscription must hold from its subscribe until its unsubscribe, also
     * when the first session's unsubscribe empties and drops the URI's set at that moment.
     */
    @Test
    void concurrentSubscribeAndUnsubscribeOfOneUriLoseNoSubscription() {
        ThreadLocal<List<String>> routed = ThreadLocal.withInitial(ArrayList::new);
        InMemorySessionManager manager = new InMemorySessionManager(Duration.ofMinutes(1), 10, 10) {
            @Override
            public boolean sendToSession(String sessionId, JsonRpcMessage message) {
                routed.get().add(sessionId);
                return true;
            }
        };
        managers.add(manager);
        String uri = "res://contended";
        String toggling = manager.create(null).id();
        String checking = manager.create(null).id();
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> toggler = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                manager.subscribe(toggling, uri);
                manager.unsubscribe(toggling, uri);
            }
        });
        int lost = 0;
        try {
            for (int round = 0; round < 200_000 && lost == 0; round++) {
                manager.subscribe(checking, uri);
                routed.get().clear();
                manager.sendToSubscribers(uri, notification("notifications/resources/updated"));
                if (!routed.get().contains(checking)) {
                    lost = round + 1;
                }
                manager.unsubscribe(checking, uri);
            }
        }
        finally {
            done.set(true);
            toggler.join();
        }
        assertThat(lost).as("round in which the subscription was lost (0: never)").isZero();
    }

    // ------------------------------------------------------------------ helpers

    private InMemorySessionManager manager(Duration timeout, int maxSessions, int maxQueued) {
        InMemorySessionManager manager = new InMemorySessionManager(timeout, maxSessions, maxQueued);
        managers.add(manager);
        return manager;
    }

    private static JsonRpcMessage notification(String method) {
        return new JsonRpcMessage.Notification(method, null);
    }

    private static JsonRpcMessage result(JsonNode id) {
        return new JsonRpcMessage.Response(id, NODES.objectNode());
    }

    private static long elapsedMillis(long sinceNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }

    /** A stream that records what it is sent; it can be made to refuse messages. */
    static final class RecordingSink implements MessageSink {

        final List<JsonRpcMessage> received = new CopyOnWriteArrayList<>();

        volatile boolean open = true;

        volatile boolean closed;

        @Override
        public boolean send(JsonRpcMessage message) {
            if (!open) {
                return false;
            }
            received.add(message);
            return true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
            closed = true;
        }

        List<String> methods() {
            return received.stream().map(m -> ((JsonRpcMessage.Notification) m).method()).toList();
        }
    }
}
