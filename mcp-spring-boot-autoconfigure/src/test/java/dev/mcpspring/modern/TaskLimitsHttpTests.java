package dev.mcpspring.modern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;

/**
 * {@code mcp.server.tasks.max-running-per-requestor}: one requestor cannot have more tasks working at once, another
 * still can, and a task that ends makes room, over real HTTP.
 */
@SpringBootTest(classes = { ModernTasksHttpTests.TasksApplication.class, TaskTestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.server.tasks.max-running-per-requestor=2")
class TaskLimitsHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    TaskTestTools tools;

    @Test
    void aRequestorWithAsManyTasksRunningAsItMayIsRefusedUntilOneEnds() throws InterruptedException {
        LegacyTasksHttpTests helper = new LegacyTasksHttpTests();
        helper.port = port;
        McpTestClient alice = helper.connected("alice");
        String first = startEndless(alice);
        String second = startEndless(alice);

        McpResponse refused = alice.request("tools/call", Map.of("name", "endless", "arguments", Map.of(), "task",
                Map.of()));
        assertThat(refused.errorCode()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(refused.errorMessage()).contains("already has 2 tasks working or waiting for input",
                "mcp.server.tasks.max-running-per-requestor");
        assertThat(alice.callTool("long_import", Map.of("items", 1, "millisPerItem", 1)).result().path("content")
            .path(0).path("text").asString()).as("a call without a task is not counted").isEqualTo("imported 1 items");

        McpTestClient bob = helper.connected("bob");
        String bobs = startEndless(bob);

        alice.request("tasks/cancel", Map.of("taskId", first));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        McpResponse again;
        do { // the cancelled tool's thread ends its run a moment after the answer
            again = alice.request("tools/call", Map.of("name", "long_import", "arguments",
                    Map.of("items", 1, "millisPerItem", 1), "task", Map.of()));
        } while (again.json().has("error") && System.nanoTime() < deadline);
        assertThat(again.result().path("task").path("taskId").isString()).isTrue();
        alice.request("tasks/cancel", Map.of("taskId", second));
        bob.request("tasks/cancel", Map.of("taskId", bobs));
    }

    private String startEndless(McpTestClient client) throws InterruptedException {
        tools.endlessStarted = new CountDownLatch(1);
        String taskId = client.request("tools/call", Map.of("name", "endless", "arguments", Map.of(), "task",
                Map.of())).result().path("task").path("taskId").asString();
        assertThat(tools.endlessStarted.await(10, TimeUnit.SECONDS)).isTrue();
        return taskId;
    }
}
