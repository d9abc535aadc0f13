package dev.mcpspring.modern;

import static dev.mcpspring.modern.ModernProtocolHttpTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.protocol.ErrorCodes;
import tools.jackson.databind.JsonNode;

/**
 * A task lives for its time-to-live from its creation: its result can be fetched until then and not after, and a
 * tool still working when it passes is cancelled.
 */
@SpringBootTest(classes = { ModernTasksHttpTests.TasksApplication.class, TaskTestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mcp.server.tasks.ttl=1500ms")
class TaskExpiryHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    TaskTestTools tools;

    @Test
    void aFinishedTaskIsKeptForItsTimeToLiveAndThenForgotten() {
        ModernClient client = new ModernTasksHttpTests().withPort(port).client("alice");
        JsonNode created = client.callTool("task_whoami", Map.of()).result();
        assertThat(created.path("ttlMs").asLong()).isEqualTo(1500);
        String taskId = created.path("taskId").asString();

        JsonNode done = ModernTasksHttpTests.poll(client, taskId, ModernTasksHttpTests::isTerminal);
        assertThat(done.path("status").asString()).isEqualTo("completed");

        ModernTasksHttpTests.sleep(1600);
        assertError(client.request("tasks/get", Map.of("taskId", taskId)), 200, ErrorCodes.INVALID_PARAMS,
                "Task not found");
    }

    @Test
    void aToolStillWorkingWhenTheTimeToLivePassesIsCancelled() throws InterruptedException {
        ModernClient client = new ModernTasksHttpTests().withPort(port).client("alice");
        tools.endlessStarted = new CountDownLatch(1);
        tools.cancellations.clear();
        String taskId = client.callTool("endless", Map.of()).result().path("taskId").asString();
        assertThat(tools.endlessStarted.await(10, TimeUnit.SECONDS)).isTrue();

        ModernTasksHttpTests.awaitUntil(() -> tools.cancellations.containsAll(List.of("onCancel", "isCancelled")));
        assertError(client.request("tasks/get", Map.of("taskId", taskId)), 200, ErrorCodes.INVALID_PARAMS,
                "Task not found");
    }
}
