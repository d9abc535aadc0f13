package dev.mcpspring.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ClientCapabilities;

/**
 * The in-memory manager reports every session that ends, once, with why: closed, expired, evicted, or lost with
 * the server; the duration is the session's life.
 */
class SessionEndTests {

    private final List<SessionEnd> ends = new CopyOnWriteArrayList<>();

    private InMemorySessionManager sessions;

    @AfterEach
    void close() {
        if (sessions != null) {
            sessions.close();
        }
    }

    @Test
    void aClosedSessionIsReportedOnceWithItsRevisionAndLife() throws InterruptedException {
        sessions = manager(Duration.ofMinutes(5), 10, false);
        McpSession session = initialized(sessions.create(null));
        Thread.sleep(20);

        assertThat(sessions.close(session.id())).isTrue();
        assertThat(sessions.close(session.id())).isFalse();

        assertThat(ends).singleElement().satisfies(end -> {
            assertThat(end.sessionId()).isEqualTo(session.id());
            assertThat(end.protocolVersion()).isEqualTo("2025-11-25");
            assertThat(end.reason()).isEqualTo(SessionEnd.Reason.CLOSED);
            assertThat(end.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        });
    }

    @Test
    void anExpiredSessionIsReportedAsExpired() {
        sessions = manager(Duration.ofMillis(1), 10, false);
        McpSession session = initialized(sessions.create(null));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !ends.isEmpty());

        assertThat(ends).singleElement().satisfies(end -> {
            assertThat(end.sessionId()).isEqualTo(session.id());
            assertThat(end.reason()).isEqualTo(SessionEnd.Reason.EXPIRED);
        });
    }

    @Test
    void anEvictedSessionIsReportedAsEvicted() {
        sessions = manager(Duration.ofMinutes(5), 1, true);
        McpSession first = initialized(sessions.create(null));

        initialized(sessions.create(null));

        assertThat(ends).singleElement().satisfies(end -> {
            assertThat(end.sessionId()).isEqualTo(first.id());
            assertThat(end.reason()).isEqualTo(SessionEnd.Reason.EVICTED);
        });
    }

    @Test
    void sessionsLostWithTheServerAreReportedAsShutDownAndOneNeverInitializedHasNoRevision() {
        sessions = manager(Duration.ofMinutes(5), 10, false);
        sessions.create(null);

        sessions.close();

        assertThat(ends).singleElement().satisfies(end -> {
            assertThat(end.reason()).isEqualTo(SessionEnd.Reason.SHUTDOWN);
            assertThat(end.protocolVersion()).isNull();
        });
        sessions = null;
    }

    private InMemorySessionManager manager(Duration idle, int max, boolean evict) {
        InMemorySessionManager manager = new InMemorySessionManager(idle, max, 10,
                new InMemoryEventStore(10, Duration.ofMinutes(1), 4), evict);
        manager.onSessionEnd(ends::add);
        return manager;
    }

    private static McpSession initialized(McpSession session) {
        session.initialize("2025-11-25", null, ClientCapabilities.NONE);
        return session;
    }
}
