package dev.mcpspring.modern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ResourceUpdates;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.testclient.OpenRequest;
import tools.jackson.databind.JsonNode;

/**
 * {@code subscriptions/listen} (2026-07-28): the stream is acknowledged first, then carries exactly the change
 * notifications the client opted in to, each tagged with the subscription's id, fed by the same registry changes
 * and {@link ResourceUpdates} as the sessions of legacy clients; closing it ends the subscription.
 */
@SpringBootTest(classes = { ModernTestApplication.class, ModernTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubscriptionsListenHttpTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ToolRegistry tools;

    @Autowired
    PromptRegistry prompts;

    @Autowired
    ResourceUpdates updates;

    @Autowired
    McpServer server;

    @Test
    void theStreamIsAcknowledgedAndCarriesTheChangesItAskedFor() {
        ModernClient client = new ModernClient(port);
        try (OpenRequest listen = listen(client, Map.of("toolsListChanged", true, "resourceSubscriptions",
                List.of("modern://roots")))) {
            JsonNode ack = listen.nextMessage(WAIT);
            assertThat(ack.path("method").asString()).isEqualTo("notifications/subscriptions/acknowledged");
            assertThat(ack.path("params").path("notifications").path("toolsListChanged").asBoolean()).isTrue();
            assertThat(ack.path("params").path("notifications").path("resourceSubscriptions").path(0).asString())
                .isEqualTo("modern://roots");
            assertThat(subscriptionId(ack).asLong()).isEqualTo(listen.id().asLong());

            prompts.remove("not-there"); // no change: nothing is sent
            updates.resourceUpdated("modern://other");
            updates.resourceUpdated("modern://roots");
            JsonNode updated = listen.nextMessage(WAIT);
            assertThat(updated.path("method").asString()).isEqualTo("notifications/resources/updated");
            assertThat(updated.path("params").path("uri").asString()).isEqualTo("modern://roots");
            assertThat(subscriptionId(updated).asLong()).isEqualTo(listen.id().asLong());

            addAndRemoveTool("listened");
            JsonNode changed = listen.nextMessage(WAIT);
            assertThat(changed.path("method").asString()).isEqualTo("notifications/tools/list_changed");
            assertThat(subscriptionId(changed).asLong()).isEqualTo(listen.id().asLong());
        }
    }

    @Test
    void aStreamGetsNoNotificationItDidNotAskFor() {
        ModernClient client = new ModernClient(port);
        try (OpenRequest promptsOnly = listen(client, Map.of("promptsListChanged", true))) {
            assertThat(promptsOnly.nextMessage(WAIT).path("method").asString())
                .isEqualTo("notifications/subscriptions/acknowledged");
            addAndRemoveTool("unheard");
            updates.resourceUpdated("modern://roots");

            assertThat(promptsOnly.pollMessage(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void closingTheStreamEndsTheSubscription() throws InterruptedException {
        int before = server.subscriptions().size();
        ModernClient client = new ModernClient(port);
        try (OpenRequest listen = listen(client, Map.of("toolsListChanged", true))) {
            listen.nextMessage(WAIT);
            assertThat(server.subscriptions().size()).isEqualTo(before + 1);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.subscriptions().size() > before && System.nanoTime() < deadline) {
            addAndRemoveTool("probe"); // a write to a closed connection fails too
            Thread.sleep(50);
        }
        assertThat(server.subscriptions().size()).isEqualTo(before);
    }

    @Test
    void aListenRequestWithoutAFilterIsRefused() {
        ModernClient client = new ModernClient(port);
        assertThat(client.request("subscriptions/listen", Map.of()).errorMessage()).contains("\"notifications\"");
    }

    private OpenRequest listen(ModernClient client, Map<String, Object> filter) {
        return client.start("subscriptions/listen", client.params(Map.of("notifications", filter)));
    }

    private void addAndRemoveTool(String name) {
        tools.add(new ToolSpecification(new Tool(name, null, "temporary", McpJsonMapper.create().createObjectNode()
            .put("type", "object"), null, null, null, null), invocation -> CallToolResult.text("")));
        tools.remove(name);
    }

    private static JsonNode subscriptionId(JsonNode notification) {
        return notification.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId");
    }
}
