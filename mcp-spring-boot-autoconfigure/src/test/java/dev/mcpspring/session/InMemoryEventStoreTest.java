package dev.mcpspring.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.JsonRpcMessage;

/** {@link InMemoryEventStore}: exact replays, and the bounds that keep its memory in check. */
class InMemoryEventStoreTest {

    private final AtomicLong clock = new AtomicLong();

    @Test
    void replaysExactlyTheEventsAfterTheGivenOneInOrder() {
        InMemoryEventStore store = store(100, Duration.ofMinutes(1), 10);
        append(store, "s", "r1", 0, 5);

        assertThat(sequences(store.replayAfter("s", "r1", 1).orElseThrow())).containsExactly(2L, 3L, 4L);
        assertThat(sequences(store.replayAfter("s", "r1", 4).orElseThrow())).as("up to date").isEmpty();
        assertThat(store.replayAfter("s", "r1", 0).orElseThrow().events().get(0).message())
            .isEqualTo(message(1));
    }

    @Test
    void aPrimingEventIsStoredWithoutMessage() {
        InMemoryEventStore store = store(100, Duration.ofMinutes(1), 10);
        store.append("s", "r1", 0, null);
        store.append("s", "r1", 1, message(1));

        EventStore.Replay replay = store.replayAfter("s", "r1", 0).orElseThrow();

        assertThat(sequences(replay)).containsExactly(1L);
        assertThat(store.replayAfter("s", "get", 0)).as("another stream").isEmpty();
    }

    @Test
    void unknownStreamsSessionsAndSequencesReplayNothing() {
        InMemoryEventStore store = store(100, Duration.ofMinutes(1), 10);
        append(store, "s", "r1", 0, 3);

        assertThat(store.replayAfter("other", "r1", 0)).isEmpty();
        assertThat(store.replayAfter("s", "r2", 0)).isEmpty();
        assertThat(store.replayAfter("s", "r1", 3)).as("never sent").isEmpty();
        assertThat(store.replayAfter("s", "r1", -1)).isEmpty();
    }

    @Test
    void theStreamsOfASessionNeverMix() {
        InMemoryEventStore store = store(100, Duration.ofMinutes(1), 10);
        store.append("s", "r1", 0, message(10));
        store.append("s", "r2", 0, message(20));
        store.append("s", "r1", 1, message(11));
        store.append("s", "r2", 1, message(21));

        assertThat(store.replayAfter("s", "r1", 0).orElseThrow().events())
            .extracting(EventStore.StoredEvent::message).containsExactly(message(11));
        assertThat(store.replayAfter("s", "r2", 0).orElseThrow().events())
            .extracting(EventStore.StoredEvent::message).containsExactly(message(21));
    }

    @Test
    void terminationIsReported() {
        InMemoryEventStore store = store(100, Duration.ofMinutes(1), 10);
        append(store, "s", "r1", 0, 2);
        assertThat(store.replayAfter("s", "r1", 0).orElseThrow().terminated()).isFalse();

        store.terminate("s", "r1");

        assertThat(store.replayAfter("s", "r1", 0).orElseThrow().terminated()).isTrue();
    }

    // ------------------------------------------------------------------ bounds

    @Test
    void keepsAtMostMaxEventsPerStreamDroppingTheOldest() {
        InMemoryEventStore store = store(3, Duration.ofMinutes(1), 10);
        append(store, "s", "r1", 0, 10);

        assertThat(store.size()).isEqualTo(3);
        assertThat(sequences(store.replayAfter("s", "r1", 6).orElseThrow())).containsExactly(7L, 8L, 9L);
        assertThat(store.replayAfter("s", "r1", 5))
            .as("event 6 is gone: a replay after 5 would lose it, so there is none").isEmpty();
        assertThat(store.replayAfter("s", "r1", 0)).isEmpty();
    }

    @Test
    void eventsExpireAfterTheTtl() {
        InMemoryEventStore store = store(100, Duration.ofSeconds(10), 10);
        append(store, "s", "r1", 0, 2); // at t=0
        advance(Duration.ofSeconds(6));
        append(store, "s", "r1", 2, 2); // at t=6

        assertThat(sequences(store.replayAfter("s", "r1", 0).orElseThrow())).containsExactly(1L, 2L, 3L);

        advance(Duration.ofSeconds(5)); // t=11: the first two have expired
        assertThat(store.replayAfter("s", "r1", 0)).as("event 1 expired").isEmpty();
        assertThat(sequences(store.replayAfter("s", "r1", 1).orElseThrow())).containsExactly(2L, 3L);
        assertThat(store.size()).isEqualTo(2);

        advance(Duration.ofSeconds(6)); // t=17: everything has expired
        store.evictExpired();
        assertThat(store.size()).isZero();
        assertThat(store.streamCount("s")).as("an empty, idle stream is forgotten").isZero();
        assertThat(store.replayAfter("s", "r1", 3)).isEmpty();
    }

    @Test
    void aStreamThatIsUpToDateStaysResumableUntilItExpires() {
        InMemoryEventStore store = store(100, Duration.ofSeconds(10), 10);
        append(store, "s", "get", 0, 1);
        advance(Duration.ofSeconds(11));

        assertThat(store.replayAfter("s", "get", 0)).as("idle beyond the ttl: forgotten").isEmpty();
    }

    @Test
    void keepsAtMostMaxStreamsPerSessionDroppingEndedOnesFirst() {
        InMemoryEventStore store = store(100, Duration.ofMinutes(1), 3);
        append(store, "s", "r1", 0, 1);
        advance(Duration.ofSeconds(1));
        append(store, "s", "r2", 0, 1);
        store.terminate("s", "r2");
        advance(Duration.ofSeconds(1));
        append(store, "s", "r3", 0, 1);
        advance(Duration.ofSeconds(1));

        append(store, "s", "r4", 0, 1);

        assertThat(store.streamCount("s")).isEqualTo(3);
        assertThat(store.replayAfter("s", "r2", 0)).as("the ended stream went first").isEmpty();
        assertThat(store.replayAfter("s", "r1", 0)).isPresent();

        append(store, "s", "r5", 0, 1);
        assertThat(store.replayAfter("s", "r1", 0)).as("then the one idle longest").isEmpty();
        assertThat(store.replayAfter("s", "r3", 0)).isPresent();
        assertThat(store.streamCount("s")).isEqualTo(3);
    }

    @Test
    void removingASessionForgetsAllItsStreamsButNoOtherSession() {
        InMemoryEventStore store = store(100, Duration.ofMinutes(1), 10);
        append(store, "a", "r1", 0, 2);
        append(store, "a", "get", 0, 2);
        append(store, "b", "r1", 0, 2);

        store.removeSession("a");

        assertThat(store.streamCount("a")).isZero();
        assertThat(store.replayAfter("a", "r1", 0)).isEmpty();
        assertThat(store.replayAfter("b", "r1", 0)).isPresent();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void memoryStaysBoundedUnderALongRun() {
        InMemoryEventStore store = store(50, Duration.ofSeconds(30), 8);
        for (int stream = 0; stream < 1_000; stream++) {
            append(store, "s", "r" + stream, 0, 200);
            advance(Duration.ofMillis(100));
        }

        assertThat(store.streamCount("s")).isLessThanOrEqualTo(8);
        assertThat(store.size()).isLessThanOrEqualTo(8 * 50);
    }

    @Test
    void refusesBoundsThatKeepNothing() {
        assertThatThrownBy(() -> new InMemoryEventStore(0, Duration.ofMinutes(1), 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryEventStore(1, Duration.ZERO, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryEventStore(1, Duration.ofMinutes(1), 0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ helpers

    private InMemoryEventStore store(int maxEvents, Duration ttl, int maxStreams) {
        return new InMemoryEventStore(maxEvents, ttl, maxStreams, clock::get);
    }

    private void advance(Duration duration) {
        clock.addAndGet(TimeUnit.NANOSECONDS.convert(duration));
    }

    private static void append(InMemoryEventStore store, String session, String stream, long from, int count) {
        for (long sequence = from; sequence < from + count; sequence++) {
            store.append(session, stream, sequence, message(sequence));
        }
    }

    private static JsonRpcMessage message(long n) {
        return new JsonRpcMessage.Notification("notifications/n" + n, null);
    }

    private static List<Long> sequences(EventStore.Replay replay) {
        return replay.events().stream().map(EventStore.StoredEvent::sequence).toList();
    }
}
