package dev.mcpspring.test.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.session.DuplicateRequestIdException;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionLimitExceededException;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.StreamConflictException;
import dev.mcpspring.session.UnknownEventIdException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What every {@link SessionManager} must do, whatever keeps its sessions: an implementation's test extends this
 * class and says how to reach its instances. A manager that serves one instance returns the same manager for
 * every node; a shared one (Redis) returns managers of different instances sharing one store, so every case that
 * starts on one node and ends on the other proves the routing between instances.
 * <p>
 * The managers must allow {@value #MAX_SESSIONS} live sessions, with an idle time-out of a minute or more.
 */
public abstract class SessionManagerContractTests {

    /** The session limit the managers under test must be configured with. */
    protected static final int MAX_SESSIONS = 5;

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Node 0 or 1 of the cluster under test; the same manager twice when the implementation serves one instance. */
    protected abstract SessionManager node(int index);

    private McpSession initialized(String principal) {
        McpSession session = node(0).create(principal);
        session.initialize("2025-11-25", new Implementation("contract-client", "1.0"), ClientCapabilities.NONE);
        return session;
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void aSessionIsFoundOnEveryNodeWithWhatInitializeRecorded() {
        McpSession session = initialized("alice");
        node(0).find(session.id()).orElseThrow().logLevel(LoggingLevel.WARNING);

        McpSession seen = node(1).find(session.id()).orElseThrow();

        assertThat(seen.id()).isEqualTo(session.id());
        assertThat(seen.principal()).isEqualTo("alice");
        assertThat(seen.protocolVersion()).isEqualTo("2025-11-25");
        assertThat(seen.clientInfo().name()).isEqualTo("contract-client");
        assertThat(seen.isInitialized()).isTrue();
        assertThat(eventually(() -> node(1).find(session.id()).orElseThrow().logLevel()))
            .isEqualTo(LoggingLevel.WARNING);
        assertThat(node(1).find("no-such-session")).isEmpty();
        assertThat(node(1).find(null)).isEmpty();
    }

    @Test
    void closingOnOneNodeEndsTheSessionEverywhere() {
        McpSession session = initialized(null);
        assertThat(node(1).find(session.id())).isPresent();

        assertThat(node(0).close(session.id())).isTrue();

        assertThat(eventually(() -> node(1).find(session.id()).isEmpty())).isTrue();
        assertThat(node(0).find(session.id())).isEmpty();
        assertThat(node(1).close(session.id())).as("closing twice").isFalse();
        assertThatThrownBy(() -> node(1).beginActivity(session.id())).isInstanceOf(SessionClosedException.class);
    }

    @Test
    void theSessionLimitHoldsForAllNodesTogether() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MAX_SESSIONS; i++) {
            ids.add(node(i % 2).create(null).id());
        }

        assertThat(node(0).sessionCount()).isEqualTo(MAX_SESSIONS);
        assertThat(node(1).sessionCount()).isEqualTo(MAX_SESSIONS);
        assertThatThrownBy(() -> node(1).create(null)).isInstanceOf(SessionLimitExceededException.class);
        assertThatThrownBy(() -> node(0).create(null)).isInstanceOf(SessionLimitExceededException.class);
        node(1).close(ids.get(0));
        assertThat(node(0).create(null).id()).isNotBlank();
    }

    // ------------------------------------------------------------------ requests from the client

    @Test
    void aRequestIdInFlightIsRefusedOnEveryNodeUntilItEnds() {
        McpSession session = initialized(null);
        SessionManager.Activity first = node(0).registerInFlight(session.id(), IntNode.valueOf(7), why -> { });

        assertThatThrownBy(() -> node(1).registerInFlight(session.id(), IntNode.valueOf(7), why -> { }))
            .isInstanceOf(DuplicateRequestIdException.class);
        node(1).registerInFlight(session.id(), StringNode.valueOf("7"), why -> { }).close(); // another id

        first.close();
        assertThat(eventually(() -> tryRegister(node(1), session.id(), IntNode.valueOf(7)))).isTrue();
    }

    private static boolean tryRegister(SessionManager manager, String sessionId, JsonNode id) {
        try {
            manager.registerInFlight(sessionId, id, why -> { }).close();
            return true;
        }
        catch (DuplicateRequestIdException ex) {
            return false;
        }
    }

    @Test
    void aCancellationReachesTheRequestWhicheverNodeItArrivesOn() throws Exception {
        McpSession session = initialized(null);
        CompletableFuture<SessionManager.Cancellation> cancelled = new CompletableFuture<>();
        node(0).registerInFlight(session.id(), IntNode.valueOf(1), cancelled::complete);

        assertThat(node(1).cancelInFlight(session.id(), IntNode.valueOf(1), "enough")).isTrue();

        SessionManager.Cancellation why = cancelled.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(why.byClient()).isTrue();
        assertThat(why.reason()).isEqualTo("enough");
        assertThat(node(1).cancelInFlight(session.id(), IntNode.valueOf(99), null)).isFalse();
    }

    // ------------------------------------------------------------------ requests to the client

    @Test
    void theClientsAnswerCompletesTheWaitingCallWhicheverNodeItArrivesOn() throws Exception {
        McpSession session = initialized(null);
        CompletableFuture<JsonRpcMessage> pending = node(0).expectResponse(session.id(), StringNode.valueOf("s-1"));
        JsonRpcMessage answer = new JsonRpcMessage.Response(StringNode.valueOf("s-1"),
                StringNode.valueOf("the answer"));

        assertThat(node(1).deliverResponse(session.id(), answer)).isTrue();

        JsonRpcMessage received = pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(((JsonRpcMessage.Response) received).result().asString()).isEqualTo("the answer");
        assertThat(node(1).deliverResponse(session.id(), answer)).as("answered once").isFalse();
    }

    @Test
    void aForgottenCallTakesNoAnswer() {
        McpSession session = initialized(null);
        node(0).expectResponse(session.id(), IntNode.valueOf(5));

        node(0).forgetPending(session.id(), IntNode.valueOf(5));

        assertThat(eventually(() -> !node(1).deliverResponse(session.id(),
                new JsonRpcMessage.Response(IntNode.valueOf(5), IntNode.valueOf(0))))).isTrue();
    }

    @Test
    void closingTheSessionEndsItsWorkOnEveryNode() throws Exception {
        McpSession session = initialized(null);
        CompletableFuture<SessionManager.Cancellation> cancelled = new CompletableFuture<>();
        node(1).registerInFlight(session.id(), IntNode.valueOf(1), cancelled::complete);
        CompletableFuture<JsonRpcMessage> pending = node(1).expectResponse(session.id(), IntNode.valueOf(2));
        RecordingSink stream = new RecordingSink();
        SessionManager.Activity open = node(1).openStandaloneStream(session.id(), stream);

        node(0).close(session.id());

        assertThat(cancelled.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).byClient()).isFalse();
        assertThat(pending).failsWithin(WAIT).withThrowableThat().havingRootCause()
            .isInstanceOf(SessionClosedException.class);
        assertThat(stream.awaitClosed()).isTrue();
        open.close();
    }

    // ------------------------------------------------------------------ streams

    @Test
    void messagesForASessionWaitForItsStandaloneStreamWhereverItOpens() {
        McpSession session = initialized(null);
        assertThat(node(0).sendToSession(session.id(), notification("early"))).isTrue();
        RecordingSink stream = new RecordingSink();

        try (SessionManager.Activity open = node(1).openStandaloneStream(session.id(), stream)) {
            node(0).sendToSession(session.id(), notification("late"));

            assertThat(stream.next()).isEqualTo("early");
            assertThat(stream.next()).isEqualTo("late");
            assertThatThrownBy(() -> node(0).openStandaloneStream(session.id(), new RecordingSink()))
                .isInstanceOf(StreamConflictException.class);
        }
        assertThat(node(0).sendToSession("no-such-session", notification("lost"))).isFalse();
    }

    @Test
    void broadcastsAndResourceUpdatesReachStreamsOnEveryNode() {
        McpSession subscriber = initialized(null);
        McpSession bystander = initialized(null);
        node(1).subscribe(subscriber.id(), "notes://today");
        RecordingSink subscribed = new RecordingSink();
        RecordingSink other = new RecordingSink();
        try (SessionManager.Activity a = node(1).openStandaloneStream(subscriber.id(), subscribed);
                SessionManager.Activity b = node(1).openStandaloneStream(bystander.id(), other)) {

            node(0).sendToSubscribers("notes://today", notification("updated"));
            node(0).sendToAll(notification("list_changed"));

            assertThat(subscribed.next()).isEqualTo("updated");
            assertThat(subscribed.next()).isEqualTo("list_changed");
            assertThat(other.next()).as("not subscribed").isEqualTo("list_changed");
            assertThat(node(0).unsubscribe(subscriber.id(), "notes://today")).isTrue();
            assertThat(node(0).unsubscribe(subscriber.id(), "notes://today")).isFalse();
        }
    }

    @Test
    void aRequestStreamResumesOnAnyNodeAfterTheClientsLastEvent() {
        assumeThat(node(0).eventStore()).as("a manager that keeps events").isNotSameAs(EventStore.none());
        McpSession session = initialized(null);
        RecordingSink first = new RecordingSink();
        MessageSink stream = node(0).openRequestStream(session.id(), first);
        stream.send(notification("one"));
        stream.send(notification("two"));
        String afterOne = first.ids.get(1); // the priming event's id comes first

        RecordingSink resumed = new RecordingSink();
        try (SessionManager.Activity open = node(1).resumeStream(session.id(), afterOne, resumed)) {
            stream.send(notification("three"));

            assertThat(resumed.next()).isEqualTo("two");
            assertThat(resumed.next()).isEqualTo("three");
            stream.close();
            assertThat(resumed.awaitClosed()).as("the stream ended there").isTrue();
        }
        assertThatThrownBy(() -> node(1).resumeStream(session.id(), "r404.nowhere:3", new RecordingSink()))
            .isInstanceOf(UnknownEventIdException.class);
    }

    private static JsonRpcMessage.Notification notification(String method) {
        return new JsonRpcMessage.Notification(method, null);
    }

    /** Polls {@code check} until it gives a non-null, non-false value (changes may reach other nodes a bit later). */
    private static <T> T eventually(Supplier<T> check) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T value = check.get();
        while ((value == null || Boolean.FALSE.equals(value)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            value = check.get();
        }
        return value;
    }

    /** A client connection that records the methods of what it receives, and the event ids. */
    protected static final class RecordingSink implements MessageSink {

        private final BlockingQueue<String> methods = new LinkedBlockingQueue<>();

        private final List<String> ids = new CopyOnWriteArrayList<>();

        private final AtomicReference<Boolean> open = new AtomicReference<>(true);

        private final CompletableFuture<Void> closed = new CompletableFuture<>();

        @Override
        public boolean send(JsonRpcMessage message) {
            return send(null, message);
        }

        @Override
        public boolean send(String eventId, JsonRpcMessage message) {
            if (!open.get()) {
                return false;
            }
            ids.add(eventId);
            methods.add(((JsonRpcMessage.Notification) message).method());
            return true;
        }

        @Override
        public boolean prime(String eventId) {
            ids.add(eventId);
            return open.get();
        }

        @Override
        public boolean isOpen() {
            return open.get();
        }

        @Override
        public void close() {
            open.set(false);
            closed.complete(null);
        }

        String next() {
            try {
                String method = methods.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(method).as("a message within " + WAIT).isNotNull();
                return method;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }

        boolean awaitClosed() {
            try {
                closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            }
            catch (Exception ex) {
                return false;
            }
        }
    }
}
