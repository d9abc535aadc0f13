package dev.mcpspring.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The application replaces {@code mcpHandlerExecutor} with a single pooled thread: its handlers still get the
 * caller's context, and nothing of one task (the caller's context or what the handler left behind) is seen by the
 * next task on that thread.
 */
@SpringBootTest(
        classes = { ContextTestApplication.class, ContextTestConfiguration.class,
                PooledThreadContextHttpTests.SingleThread.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PooledThreadContextHttpTests extends ContextHttpTestSupport {

    @Test
    void theApplicationsOwnExecutorIsDecoratedToo() {
        JsonNode seen = call(connected(), "context", alice());

        assertThat(seen.path("thread").asString()).isEqualTo(SingleThread.NAME);
        assertThat(seen.path("user").asString()).isEqualTo("alice");
        assertThat(seen.path("traceId").asString()).isEqualTo("trace-42");
        assertThat(seen.path("observation").asString()).isEqualTo("mcp.test.request");
        assertThat(seen.path("tenant").asString()).isEqualTo("acme");
    }

    @Test
    void theCallersContextDoesNotLeakIntoTheNextTaskOnTheSameThread() {
        McpTestClient client = connected();
        JsonNode first = call(client, "context", alice());
        assertThat(first.path("user").asString()).isEqualTo("alice");

        JsonNode next = call(client, "context", Map.of());

        assertThat(next.path("thread").asString()).isEqualTo(first.path("thread").asString());
        assertNothingSeen(next);
    }

    @Test
    void whatAHandlerLeavesOnItsThreadDoesNotLeakIntoTheNextTask() {
        McpTestClient client = connected();
        JsonNode polluter = call(client, "pollute", alice());
        assertThat(polluter.path("user").asString()).isEqualTo("mallory");

        JsonNode next = call(client, "context", Map.of());

        assertThat(next.path("thread").asString()).isEqualTo(polluter.path("thread").asString());
        assertNothingSeen(next);
    }

    @Test
    void theNextCallersContextReplacesWhatAHandlerLeftBehind() {
        McpTestClient client = connected();
        call(client, "pollute", Map.of());

        JsonNode next = call(client, "context", Map.of("X-User", "bob", "X-Trace-Id", "trace-43"));

        assertThat(next.path("user").asString()).isEqualTo("bob");
        assertThat(next.path("traceId").asString()).isEqualTo("trace-43");
        assertThat(next.path("observation").isNull()).as("%s", next).isTrue();
    }

    private static void assertNothingSeen(JsonNode seen) {
        assertThat(seen.path("user").isNull()).as("user in %s", seen).isTrue();
        assertThat(seen.path("traceId").isNull()).as("traceId in %s", seen).isTrue();
        assertThat(seen.path("observation").isNull()).as("observation in %s", seen).isTrue();
        assertThat(seen.path("tenant").isNull()).as("tenant in %s", seen).isTrue();
        assertThat(seen.path("general").isNull()).as("general in %s", seen).isTrue();
        assertThat(seen.path("decorators").values()).extracting(JsonNode::asString)
            .containsExactly("audit", "tenant");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SingleThread {

        static final String NAME = "app-mcp-worker";

        @Bean(destroyMethod = "shutdownNow")
        ExecutorService mcpHandlerExecutor() {
            return Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, NAME);
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
