package dev.mcpspring.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The in-memory task store and the transitions of a task record. */
class InMemoryTaskStoreTest {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final MutableClock clock = new MutableClock();

    private final InMemoryTaskStore store = new InMemoryTaskStore(3, clock);

    @Test
    void aCreatedTaskIsFoundAndChangedAtomicallyAndListenersHearOfIt() {
        List<String> changed = new CopyOnWriteArrayList<>();
        store.addListener(changed::add);
        store.create(task("t1", "alice", Duration.ofMinutes(1)));

        assertThat(store.find("t1")).get().extracting(TaskRecord::status).isEqualTo(TaskStatus.WORKING);
        TaskRecord done = store.update("t1", task -> task.completed(MAPPER.createObjectNode().put("ok", true),
                clock.instant())).orElseThrow();

        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.result().path("ok").asBoolean()).isTrue();
        assertThat(changed).containsExactly("t1");
        // no change, no announcement
        store.update("t1", task -> task);
        assertThat(changed).containsExactly("t1");
        assertThat(store.update("nope", task -> task)).isEmpty();
    }

    @Test
    void terminalStatusesAreNeverLeft() {
        TaskRecord cancelled = task("t1", null, null).cancelled("by request", clock.instant());

        assertThat(cancelled.completed(MAPPER.createObjectNode(), clock.instant())).isSameAs(cancelled);
        assertThat(cancelled.failed(MAPPER.createObjectNode(), "x", clock.instant())).isSameAs(cancelled);
        assertThat(cancelled.withInputRequest("k", MAPPER.createObjectNode(), null, clock.instant()))
            .isSameAs(cancelled);
        assertThat(cancelled.status().isTerminal()).isTrue();
    }

    @Test
    void answersMoveQuestionsToResponsesAndTheTaskWorksAgainWhenNoneIsLeft() {
        TaskRecord asking = task("t1", null, null)
            .withInputRequest("a", question(), "waiting", clock.instant())
            .withInputRequest("b", question(), "waiting", clock.instant());
        assertThat(asking.status()).isEqualTo(TaskStatus.INPUT_REQUIRED);

        ObjectNode first = MAPPER.createObjectNode();
        first.putObject("a").put("action", "accept");
        first.putObject("never-asked").put("action", "accept");
        TaskRecord partly = asking.answered(first, clock.instant());
        assertThat(partly.status()).isEqualTo(TaskStatus.INPUT_REQUIRED);
        assertThat(partly.inputRequests().propertyNames()).containsExactly("b");
        assertThat(partly.inputResponses().propertyNames()).containsExactly("a");
        assertThat(asking.inputRequests().propertyNames()).as("records are not changed").containsExactly("a", "b");

        ObjectNode second = MAPPER.createObjectNode();
        second.putObject("b").put("action", "decline");
        TaskRecord answered = partly.answered(second, clock.instant());
        assertThat(answered.status()).isEqualTo(TaskStatus.WORKING);
        assertThat(answered.inputRequests()).isNull();
        assertThat(answered.withoutResponses(List.of("a", "b")).inputResponses()).isNull();
    }

    @Test
    void expiredTasksAreGoneAndMakeRoom() {
        store.create(task("t1", null, Duration.ofSeconds(10)));
        store.create(task("t2", null, Duration.ofSeconds(30)));
        store.create(task("t3", null, null));
        assertThatThrownBy(() -> store.create(task("t4", null, null))).isInstanceOf(TaskStoreFullException.class)
            .hasMessageContaining("mcp.server.tasks.max-tasks");

        clock.advance(Duration.ofSeconds(10));
        assertThat(store.find("t1")).isEmpty();
        assertThat(store.update("t1", task -> task)).isEmpty();
        store.create(task("t4", null, null));
        assertThat(store.find("t2")).isPresent();
        assertThat(store.find("t3")).isPresent();
    }

    @Test
    void aCallerListsAndSeesItsOwnTasksOrAnAnonymousSessionItsOwn() {
        store.create(new TaskRecord("a1", "alice", "s1", "2025-11-25", "tool", TaskStatus.WORKING, null,
                clock.instant(), clock.instant(), null, Duration.ofSeconds(1), null, null, null, null));
        clock.advance(Duration.ofMillis(1));
        store.create(new TaskRecord("n1", null, "s1", "2025-11-25", "tool", TaskStatus.WORKING, null,
                clock.instant(), clock.instant(), null, Duration.ofSeconds(1), null, null, null, null));
        store.create(new TaskRecord("n2", null, "s2", "2025-11-25", "tool", TaskStatus.WORKING, null,
                clock.instant(), clock.instant(), null, Duration.ofSeconds(1), null, null, null, null));

        assertThat(store.list("alice", "s1")).extracting(TaskRecord::taskId).containsExactly("a1");
        assertThat(store.list(null, "s1")).extracting(TaskRecord::taskId).containsExactly("n1");
        assertThat(store.list("bob", null)).isEmpty();
        // what a caller may get is what it may list
        assertThat(store.find("a1").orElseThrow().isVisibleTo("bob", "s1")).isFalse();
        assertThat(store.find("a1").orElseThrow().isVisibleTo("alice", "s9")).isTrue();
        assertThat(store.find("n1").orElseThrow().isVisibleTo(null, "s1")).isTrue();
        assertThat(store.find("n1").orElseThrow().isVisibleTo(null, "s2")).isFalse();
        assertThat(store.find("n1").orElseThrow().isVisibleTo(null, null)).isFalse();
        assertThat(store.find("n1").orElseThrow().isVisibleTo("alice", "s1")).isFalse();
        TaskRecord sessionless = task("m1", null, Duration.ofSeconds(1)); // anonymous, 2026-07-28
        assertThat(sessionless.isVisibleTo(null, null)).isTrue();
        assertThat(sessionless.isVisibleTo("alice", null)).isFalse();
    }

    private TaskRecord task(String id, String principal, Duration ttl) {
        return TaskRecord.working(id, principal, null, "2026-07-28", "tool", clock.instant(), ttl,
                Duration.ofSeconds(1));
    }

    private static ObjectNode question() {
        ObjectNode question = MAPPER.createObjectNode();
        question.put("method", "elicitation/create");
        return question;
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-07-28T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
