package dev.mcpspring.modern;

import static dev.mcpspring.modern.ModernProtocolHttpTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mcpspring.cluster.ClusterNodes;
import dev.mcpspring.cluster.RedisServerProcess;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.task.TaskStore;
import dev.mcpspring.task.redis.RedisTaskStore;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Tasks on Redis, with two instances and a real {@code redis-server}: a task started on one instance is polled,
 * answered and cancelled on the other, and its result outlives a restart of either.
 */
class RedisTasksClusterHttpTests {

    private static RedisServerProcess redis;

    private static ClusterNodes nodes;

    @BeforeAll
    static void startCluster() {
        redis = RedisServerProcess.launch();
        nodes = ClusterNodes.start(2, redis.port(), List.of(TaskTestTools.class),
                "mcp.server.tasks.poll-interval=200ms", "mcp.server.session.redis.heartbeat=200ms");
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void theStoreIsRedis() {
        assertThat(nodes.context(0).getBean(TaskStore.class)).isInstanceOf(RedisTaskStore.class);
    }

    @Test
    void aTaskRunningOnOneInstanceIsPolledAndAnsweredOnTheOther() {
        ModernClient first = client(0);
        ModernClient second = client(1);
        String taskId = first.callTool("approve_import", Map.of("file", "big.csv")).result().path("taskId")
            .asString();

        JsonNode waiting = ModernTasksHttpTests.poll(second, taskId,
                task -> "input_required".equals(task.path("status").asString()));
        assertThat(waiting.path("inputRequests").path("approval").path("params").path("message").asString())
            .isEqualTo("Import big.csv?");

        // the answer posted to the second instance reaches the tool waiting on the first
        second.request("tasks/update", Map.of("taskId", taskId, "inputResponses",
                Map.of("approval", ModernTools.accept("approve", true))));
        JsonNode done = ModernTasksHttpTests.poll(second, taskId, ModernTasksHttpTests::isTerminal);
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(done.path("result").path("content").path(0).path("text").asString()).isEqualTo("imported big.csv");
    }

    @Test
    void aCancellationSentToOneInstanceStopsTheToolOnTheOther() throws InterruptedException {
        TaskTestTools tools = nodes.context(0).getBean(TaskTestTools.class);
        tools.endlessStarted = new CountDownLatch(1);
        tools.cancellations.clear();
        String taskId = client(0).callTool("endless", Map.of()).result().path("taskId").asString();
        assertThat(tools.endlessStarted.await(10, TimeUnit.SECONDS)).isTrue();

        client(1).request("tasks/cancel", Map.of("taskId", taskId));

        ModernTasksHttpTests.awaitUntil(() -> tools.cancellations.containsAll(List.of("onCancel", "interrupted")));
        assertThat(ModernTasksHttpTests.get(client(0), taskId).result().path("status").asString())
            .isEqualTo("cancelled");
    }

    @Test
    void aResultOutlivesARestartOfEitherInstance() {
        String taskId = client(0).callTool("long_import", Map.of("items", 2, "millisPerItem", 50)).result()
            .path("taskId").asString();
        ModernTasksHttpTests.poll(client(1), taskId, ModernTasksHttpTests::isTerminal);

        nodes.restart(1); // the instance that did not run the task
        JsonNode afterRestart = ModernTasksHttpTests.get(client(1), taskId).result();
        assertThat(afterRestart.path("result").path("content").path(0).path("text").asString())
            .isEqualTo("imported 2 items");

        nodes.restart(0); // and the one that ran it
        assertThat(ModernTasksHttpTests.get(client(0), taskId).result().path("status").asString())
            .isEqualTo("completed");
        assertError(client(1).request("tasks/get", Map.of("taskId", "no-such-task")), 200,
                ErrorCodes.INVALID_PARAMS, "Task not found");
    }

    private static ModernClient client(int node) {
        return new ModernClient(McpTestClient.create(nodes.endpoint(node))).capabilities(ModernTasksHttpTests.WITH_TASKS);
    }
}
