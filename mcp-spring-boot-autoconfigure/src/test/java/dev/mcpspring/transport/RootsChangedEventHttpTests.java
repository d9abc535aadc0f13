package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

import dev.mcpspring.server.McpRootsChangedEvent;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;

/** {@code notifications/roots/list_changed} of a session's client reaches the application as an event. */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class,
        RootsChangedEventHttpTests.Listener.class }, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RootsChangedEventHttpTests extends HttpTestSupport {

    @Autowired
    Listener listener;

    @BeforeEach
    void clear() {
        listener.events.clear();
        listener.failing = false;
    }

    @Test
    void aSessionsRootsChangePublishesAnEventNamingTheSession() {
        McpTestClient client = connected("2025-11-25");

        McpResponse response = client.notify("notifications/roots/list_changed", null);

        assertThat(response.status()).isEqualTo(202);
        assertThat(listener.events).containsExactly(new McpRootsChangedEvent(client.sessionId(), null));
    }

    @Test
    void otherNotificationsPublishNothing() {
        McpTestClient client = connected("2025-11-25");

        client.notify("notifications/progress", Map.of("progressToken", 1, "progress", 1));

        assertThat(listener.events).isEmpty();
    }

    @Test
    void aFailingListenerLeavesTheClientsNotificationAndSessionAlone() {
        McpTestClient client = connected("2025-11-25");
        listener.failing = true;

        McpResponse response = client.notify("notifications/roots/list_changed", null);

        assertThat(response.status()).isEqualTo(202);
        assertThat(listener.events).hasSize(1);
        assertThat(client.callTool("echo", Map.of("text", "still here")).result().path("content").path(0)
            .path("text").asString()).isEqualTo("still here");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listener {

        final List<McpRootsChangedEvent> events = new CopyOnWriteArrayList<>();

        volatile boolean failing;

        @EventListener
        void rootsChanged(McpRootsChangedEvent event) {
            events.add(event);
            if (failing) {
                throw new IllegalStateException("the application's index could not be dropped");
            }
        }
    }
}
