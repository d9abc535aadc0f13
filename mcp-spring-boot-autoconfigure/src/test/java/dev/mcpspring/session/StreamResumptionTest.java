package dev.mcpspring.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.JsonRpcMessage;

/** The streams of {@link InMemorySessionManager}: event ids, priming, resumption and the event store. */
class StreamResumptionTest {

    private final InMemoryEventStore store = new InMemoryEventStore(100, Duration.ofMinutes(1), 10);

    private final InMemorySessionManager manager = new InMemorySessionManager(Duration.ofMinutes(1), 10, 10, store);

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aRequestStreamOfA20251125SessionIsPrimedAndNumbersItsEvents() {
        McpSession session = session("2025-11-25");
        EventSink connection = new EventSink();

        MessageSink stream = manager.openRequestStream(session.id(), connection);
        stream.send(notification("a"));
        stream.send(notification("b"));
        stream.close();

        assertThat(connection.log).containsExactly("prime r1:0", "r1:1 a", "r1:2 b", "closed");
        assertThat(manager.openRequestStream(session.id(), new EventSink())).as("the next stream has the next name")
            .satisfies(next -> next.send(notification("c")));
    }

    @Test
    void olderSessionsGetNoPrimingEvent() {
        McpSession session = session("2025-06-18");
        EventSink connection = new EventSink();

        MessageSink stream = manager.openRequestStream(session.id(), connection);
        stream.send(notification("a"));

        assertThat(connection.log).containsExactly("r1:0 a");
        assertThat(stream.closeConnection()).as("the client holds an id, so it can resume").isTrue();
    }

    @Test
    void aStreamWhoseClientGotNoIdCannotBeResumedSoItRefusesMessagesOnceItsConnectionIsGone() {
        McpSession session = session("2025-06-18");
        EventSink connection = new EventSink();
        MessageSink stream = manager.openRequestStream(session.id(), connection);

        assertThat(stream.closeConnection()).isFalse();
        connection.open = false;

        assertThat(stream.send(notification("lost"))).as("the caller should use another way").isFalse();
    }

    @Test
    void aResumedRequestStreamReplaysWhatWasMissedThenCarriesOnThenEnds() {
        McpSession session = session("2025-11-25");
        EventSink first = new EventSink();
        MessageSink stream = manager.openRequestStream(session.id(), first);
        stream.send(notification("a"));
        first.open = false; // the connection breaks
        assertThat(stream.send(notification("b"))).as("kept for the client").isTrue();
        assertThat(stream.send(notification("c"))).isTrue();

        EventSink second = new EventSink();
        SessionManager.Activity resumed = manager.resumeStream(session.id(), "r1:1", second);
        stream.send(notification("d"));
        stream.close();

        assertThat(first.log).containsExactly("prime r1:0", "r1:1 a");
        assertThat(second.log).containsExactly("r1:2 b", "r1:3 c", "r1:4 d", "closed");
        resumed.close();
    }

    @Test
    void anEndedRequestStreamIsReplayedFromTheStoreAndTheConnectionEnds() {
        McpSession session = session("2025-11-25");
        MessageSink stream = manager.openRequestStream(session.id(), new EventSink());
        stream.send(notification("a"));
        stream.send(notification("b"));
        stream.close();

        EventSink late = new EventSink();
        manager.resumeStream(session.id(), "r1:1", late).close();

        assertThat(late.log).containsExactly("r1:2 b", "closed");
    }

    @Test
    void closingTheConnectionOnPurposeKeepsTheStream() {
        McpSession session = session("2025-11-25");
        EventSink connection = new EventSink();
        MessageSink stream = manager.openRequestStream(session.id(), connection);

        assertThat(stream.closeConnection()).isTrue();
        assertThat(stream.send(notification("later"))).isTrue();
        assertThat(connection.log).containsExactly("prime r1:0", "closed");

        EventSink next = new EventSink();
        manager.resumeStream(session.id(), "r1:0", next);
        assertThat(next.log).containsExactly("r1:1 later");
    }

    @Test
    void resumingReplacesAConnectionTheServerStillThinksIsOpen() {
        McpSession session = session("2025-11-25");
        EventSink stale = new EventSink();
        manager.openStandaloneStream(session.id(), stale);
        manager.sendToSession(session.id(), notification("a"));

        EventSink fresh = new EventSink();
        manager.resumeStream(session.id(), "get:1", fresh);
        manager.sendToSession(session.id(), notification("b"));

        assertThat(stale.log).containsExactly("prime get:0", "get:1 a", "closed");
        assertThat(fresh.log).containsExactly("get:2 b");
    }

    @Test
    void messagesThatWaitedForTheGetStreamGoBeforeItsPrimingEventSoThatItsIdResumesAfterThem() {
        McpSession session = session("2025-11-25");
        manager.sendToSession(session.id(), notification("a"));
        manager.sendToSession(session.id(), notification("b"));

        EventSink connection = new EventSink();
        manager.openStandaloneStream(session.id(), connection);
        assertThat(connection.log).containsExactly("get:0 a", "get:1 b", "prime get:2");

        EventSink resumed = new EventSink();
        manager.resumeStream(session.id(), "get:2", resumed);
        manager.sendToSession(session.id(), notification("c"));
        assertThat(resumed.log).containsExactly("get:3 c");
    }

    @Test
    void unknownIdsAreRefused() {
        McpSession session = session("2025-11-25");
        manager.openRequestStream(session.id(), new EventSink()).send(notification("a"));

        for (String id : List.of("r1:2", "r9:0", "get:0", "nonsense", "r1:x")) {
            assertThatThrownBy(() -> manager.resumeStream(session.id(), id, new EventSink()))
                .as(id).isInstanceOf(UnknownEventIdException.class);
        }
        assertThatThrownBy(() -> manager.resumeStream("no-such-session", "r1:0", new EventSink()))
            .isInstanceOf(SessionClosedException.class);
    }

    @Test
    void closingTheSessionEmptiesTheStoreAndNothingIsStoredForItAfterwards() {
        McpSession session = session("2025-11-25");
        MessageSink running = manager.openRequestStream(session.id(), new EventSink());
        running.send(notification("a"));
        manager.sendToSession(session.id(), notification("queued"));
        assertThat(store.streamCount(session.id())).isEqualTo(2);

        manager.close(session.id());
        running.send(notification("after the end"));

        assertThat(store.streamCount(session.id())).isZero();
        assertThat(store.size()).isZero();
        assertThatThrownBy(() -> manager.openRequestStream(session.id(), new EventSink()))
            .isInstanceOf(SessionClosedException.class);
    }

    private McpSession session(String version) {
        McpSession session = manager.create(null);
        session.initialize(version, null, null);
        return session;
    }

    private static JsonRpcMessage notification(String method) {
        return new JsonRpcMessage.Notification(method, null);
    }

    /** A connection that logs what it was sent, with event ids. */
    static final class EventSink implements MessageSink {

        final List<String> log = new CopyOnWriteArrayList<>();

        volatile boolean open = true;

        @Override
        public boolean send(JsonRpcMessage message) {
            return send(null, message);
        }

        @Override
        public boolean send(String eventId, JsonRpcMessage message) {
            if (!open) {
                return false;
            }
            log.add(eventId + " " + ((JsonRpcMessage.Notification) message).method());
            return true;
        }

        @Override
        public boolean prime(String eventId) {
            if (!open) {
                return false;
            }
            log.add("prime " + eventId);
            return true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                log.add("closed");
            }
        }
    }
}
