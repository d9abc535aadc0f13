package dev.mcpspring.resumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseEvent;
import dev.mcpspring.testclient.SseSubscription;
import dev.mcpspring.transport.McpTestApplication;

/**
 * Polling mode ({@code mcp.server.sse.polling=true}): every request of a 2025-11-25 session gets an SSE stream whose
 * connection closes right after the priming event; the client collects everything with GET and
 * {@code Last-Event-ID}.
 */
@SpringBootTest(classes = { McpTestApplication.class, ResumptionTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.sse.polling=true", "mcp.server.sse.retry=300ms" })
class PollingModeHttpTests extends ResumptionTestSupport {

    @Test
    void aToolCallIsAnsweredWithAPrimingEventAndTheRestComesWithTheNextGet() {
        McpTestClient client = connected("2025-11-25");
        long id = client.nextId();

        McpResponse post = client.post(client.message(id, "tools/call",
                client.callToolParams("countdown", Map.of("count", 4, "pauseMillis", 20), "poll"))).send();

        assertThat(post.status()).isEqualTo(200);
        assertThat(post.isSse()).isTrue();
        SseEvent priming = post.events().get(0);
        assertThat(post.events()).as("only the priming event on the POST's connection").containsExactly(priming);
        assertThat(priming.hasData()).isFalse();
        assertThat(priming.retry()).isEqualTo(300L);
        try (SseSubscription resumed = resume(client, priming.id())) {
            assertThat(describeAll(dataEventsUntilResponse(resumed)))
                .containsExactlyElementsOf(countdown("poll", id, 1, 4, 4));
            assertThat(resumed.awaitClosed(WAIT)).as("the request's stream ends after its response").isTrue();
        }
    }

    @Test
    void evenAQuickRequestIsPolled() {
        McpTestClient client = connected("2025-11-25");

        McpResponse post = client.request("tools/list");

        assertThat(post.events()).singleElement().satisfies(event -> assertThat(event.hasData()).isFalse());
        try (SseSubscription resumed = resume(client, post.events().get(0).id())) {
            JsonAssert.hasTools(message(nextDataEvent(resumed)));
            assertThat(resumed.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void olderClientsAreNeverPolled() {
        McpTestClient client = connected("2025-06-18");

        McpResponse response = client.callTool("countdown", Map.of("count", 2), "old");

        assertThat(response.events()).allMatch(SseEvent::hasData);
        assertThat(response.response().path("result").path("content").path(0).path("text").asString())
            .isEqualTo("counted to 2");
        assertThat(client.ping().isJson()).isTrue();
    }

    @Test
    void initializeIsNeverPolled() {
        McpTestClient client = McpTestClient.create(port);

        McpResponse response = client.initialize("2025-11-25");

        assertThat(response.isJson()).isTrue();
        assertThat(response.result().path("protocolVersion").asString()).isEqualTo("2025-11-25");
    }

    /** Checks on a tools/list response. */
    private static final class JsonAssert {

        static void hasTools(tools.jackson.databind.JsonNode response) {
            assertThat(response.path("result").path("tools").isArray()).as("tools/list result in %s", response)
                .isTrue();
            assertThat(response.path("result").path("tools").size()).isGreaterThanOrEqualTo(2);
        }
    }
}
