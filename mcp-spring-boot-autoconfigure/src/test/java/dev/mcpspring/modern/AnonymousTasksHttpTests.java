package dev.mcpspring.modern;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.task.TaskStatus;
import dev.mcpspring.task.TaskStore;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.transport.McpTestApplication;

/**
 * Tasks of 2025-11-25 sessions without a principal belong to their session: what one may get, cancel or await is
 * what it may list, and another anonymous session sees none of it.
 */
@SpringBootTest(classes = { McpTestApplication.class, TaskTestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnonymousTasksHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    TaskTestTools tools;

    @Autowired
    TaskStore store;

    @Test
    void anotherAnonymousSessionNeitherSeesNorListsNorCancelsTheTask() {
        McpTestClient first = connected();
        McpTestClient second = connected();
        String taskId = first.request("tools/call", Map.of("name", "task_whoami", "arguments", Map.of(), "task",
                Map.of())).result().path("task").path("taskId").asString();

        for (String method : List.of("tasks/get", "tasks/result", "tasks/cancel")) {
            assertThat(second.request(method, Map.of("taskId", taskId)).errorMessage()).as(method)
                .contains("Task not found");
        }
        assertThat(second.request("tasks/list", Map.of()).result().path("tasks").findValuesAsString("taskId"))
            .doesNotContain(taskId);
        assertThat(first.request("tasks/list", Map.of()).result().path("tasks").findValuesAsString("taskId"))
            .contains(taskId);
        assertThat(first.request("tasks/get", Map.of("taskId", taskId)).result().path("taskId").asString())
            .isEqualTo(taskId);
    }

    @Test
    void theTasksOfASessionThatEndedStopForNobodyCanReachThem() throws InterruptedException {
        McpTestClient client = connected();
        tools.endlessStarted = new CountDownLatch(1);
        tools.cancellations.clear();
        String taskId = client.request("tools/call", Map.of("name", "endless", "arguments", Map.of(), "task",
                Map.of())).result().path("task").path("taskId").asString();
        assertThat(tools.endlessStarted.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(client.deleteSession().status()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tools.cancellations.contains("onCancel"));
        assertThat(store.find(taskId)).hasValueSatisfying(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(task.statusMessage()).contains("session that started the task ended");
        });
    }

    private McpTestClient connected() {
        McpTestClient client = McpTestClient.builder(URI.create("http://localhost:" + port + "/mcp")).build();
        client.connect("2025-11-25", LegacyTasksHttpTests.CAPABILITIES);
        return client;
    }
}
