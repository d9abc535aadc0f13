package dev.mcpspring.test.session;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;

import dev.mcpspring.session.InMemorySessionManager;
import dev.mcpspring.session.SessionManager;

/** {@link InMemorySessionManager} keeps its contract (one instance: both nodes are the same manager). */
class InMemorySessionManagerContractTests extends SessionManagerContractTests {

    private final InMemorySessionManager manager = new InMemorySessionManager(Duration.ofMinutes(1), MAX_SESSIONS,
            100);

    @Override
    protected SessionManager node(int index) {
        return manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }
}
