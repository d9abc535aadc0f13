package dev.mcpspring.modern;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import tools.jackson.databind.JsonNode;

/**
 * The same tools as tasks for 2025-11-25 sessions (the experimental tasks utility), over real HTTP: task-augmented
 * {@code tools/call}, {@code tasks/get}, {@code tasks/result}, {@code tasks/list}, {@code tasks/cancel}, a question
 * to the client on the {@code tasks/result} stream, and another principal.
 */
@SpringBootTest(classes = { ModernTasksHttpTests.TasksApplication.class, TaskTestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.tasks.poll-interval=250ms", "mcp.server.tasks.max-ttl=2h" })
class LegacyTasksHttpTests {

    static final Map<String, Object> CAPABILITIES = Map.of("elicitation", Map.of("form", Map.of()), "tasks",
            Map.of("list", Map.of(), "cancel", Map.of()));

    @LocalServerPort
    int port;

    @Autowired
    TaskTestTools tools;

    @Test
    void theSessionLearnsOfTasksFromInitializeAndToolsList() {
        McpTestClient client = client("alice");
        JsonNode capabilities = client.connect("2025-11-25", CAPABILITIES).result().path("capabilities");

        assertThat(capabilities.path("tasks").path("requests").path("tools").has("call")).isTrue();
        assertThat(capabilities.path("tasks").has("list")).isTrue();
        assertThat(capabilities.path("tasks").has("cancel")).isTrue();
        assertThat(capabilities.has("extensions")).isFalse();
        JsonNode listed = client.listTools(null).result().path("tools");
        assertThat(tool(listed, "long_import").path("execution").path("taskSupport").asString()).isEqualTo("optional");
        assertThat(tool(listed, "required_import").path("execution").path("taskSupport").asString())
            .isEqualTo("required");
        assertThat(tool(listed, "plain").has("execution")).isFalse();

        McpTestClient older = client("alice");
        JsonNode olderCapabilities = older.connect("2025-06-18").result().path("capabilities");
        assertThat(olderCapabilities.has("tasks")).isFalse();
        assertThat(tool(older.listTools(null).result().path("tools"), "long_import").has("execution")).isFalse();
    }

    @Test
    void aTaskAugmentedCallIsPolledAndItsResultFetchedWithTasksResult() {
        McpTestClient client = connected("alice");

        JsonNode created = client.request("tools/call", Map.of("name", "long_import", "arguments",
                Map.of("items", 5, "millisPerItem", 200), "task", Map.of("ttl", 60_000))).result();
        JsonNode task = created.path("task");
        assertThat(task.path("status").asString()).isEqualTo("working");
        assertThat(task.path("ttl").asLong()).isEqualTo(60_000);
        assertThat(task.path("pollInterval").asLong()).isEqualTo(250);
        assertThat(task.has("ttlMs")).isFalse();
        String taskId = task.path("taskId").asString();

        JsonNode polled = client.request("tasks/get", Map.of("taskId", taskId)).result();
        assertThat(polled.path("taskId").asString()).isEqualTo(taskId);
        assertThat(polled.has("result")).as("2025-11-25 has tasks/result for that").isFalse();

        // blocks until the task has ended
        JsonNode result = client.request("tasks/result", Map.of("taskId", taskId)).result();
        assertThat(result.path("content").path(0).path("text").asString()).isEqualTo("imported 5 items");
        assertThat(result.path("_meta").path("io.modelcontextprotocol/related-task").path("taskId").asString())
            .isEqualTo(taskId);
        assertThat(client.request("tasks/get", Map.of("taskId", taskId)).result().path("status").asString())
            .isEqualTo("completed");

        JsonNode listed = client.request("tasks/list", Map.of()).result().path("tasks");
        assertThat(listed.findValuesAsString("taskId")).contains(taskId);
    }

    @Test
    void aTtlBeyondTheMaximumGetsTheMaximumEvenWhenNoLongHoldsIt() {
        McpTestClient client = connected("alice");

        for (Object ttl : List.of(3 * 3_600_000, 1e308, new BigInteger("1180591620717411303424"))) {
            JsonNode task = client.request("tools/call", Map.of("name", "long_import", "arguments",
                    Map.of("items", 1, "millisPerItem", 1), "task", Map.of("ttl", ttl))).result().path("task");
            assertThat(task.path("ttl").asLong()).as("ttl %s", ttl).isEqualTo(2 * 3_600_000);
        }
    }

    @Test
    void aQuestionOfTheTaskTravelsOnTheTasksResultStreamTaggedWithTheTask() {
        McpTestClient client = connected("alice");
        String taskId = client.request("tools/call", Map.of("name", "approve_import", "arguments",
                Map.of("file", "orders.csv"), "task", Map.of())).result().path("task").path("taskId").asString();

        JsonNode waiting = poll(client, taskId, task -> !"working".equals(task.path("status").asString()));
        assertThat(waiting.path("status").asString()).isEqualTo("input_required");

        try (OpenRequest result = client.start("tasks/result", Map.of("taskId", taskId))) {
            JsonNode question = result.nextRequest("elicitation/create", Duration.ofSeconds(10));
            assertThat(question.path("params").path("message").asString()).isEqualTo("Import orders.csv?");
            assertThat(question.path("params").path("_meta").path("io.modelcontextprotocol/related-task")
                .path("taskId").asString()).isEqualTo(taskId);
            client.respond(question.get("id"), ModernTools.accept("approve", true));

            JsonNode answer = result.result(Duration.ofSeconds(10));
            assertThat(answer.path("content").path(0).path("text").asString()).isEqualTo("imported orders.csv");
        }
    }

    @Test
    void aToolErrorIsAFailedTaskWhoseResultIsStillTheToolResult() {
        McpTestClient client = connected("alice");
        String taskId = client.request("tools/call", Map.of("name", "rejecting_import", "arguments", Map.of(),
                "task", Map.of())).result().path("task").path("taskId").asString();

        JsonNode result = client.request("tasks/result", Map.of("taskId", taskId)).result();
        assertThat(result.path("isError").asBoolean()).isTrue();
        JsonNode failed = client.request("tasks/get", Map.of("taskId", taskId)).result();
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("statusMessage").asString()).as("the tool's error, for a client showing the status")
            .isEqualTo(result.path("content").path(0).path("text").asString()).contains("not a CSV file");
        assertThat(client.request("tasks/list", Map.of()).result().path("tasks").values())
            .filteredOn(task -> task.path("taskId").asString().equals(taskId)).singleElement()
            .extracting(task -> task.path("statusMessage").asString()).asString().contains("not a CSV file");

        String broken = client.request("tools/call", Map.of("name", "broken_import", "arguments", Map.of(),
                "task", Map.of())).result().path("task").path("taskId").asString();
        McpResponse error = client.request("tasks/result", Map.of("taskId", broken));
        assertThat(error.errorCode()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(error.errorMessage()).isEqualTo("The import service is down");
    }

    @Test
    void cancellingReturnsTheCancelledTaskAndAnEndedOneCannotBeCancelled() throws InterruptedException {
        McpTestClient client = connected("alice");
        tools.endlessStarted = new CountDownLatch(1);
        String taskId = client.request("tools/call", Map.of("name", "endless", "arguments", Map.of(), "task",
                Map.of())).result().path("task").path("taskId").asString();
        assertThat(tools.endlessStarted.await(10, TimeUnit.SECONDS)).isTrue();

        JsonNode cancelled = client.request("tasks/cancel", Map.of("taskId", taskId)).result();
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("taskId").asString()).isEqualTo(taskId);

        McpResponse again = client.request("tasks/cancel", Map.of("taskId", taskId));
        assertThat(again.errorCode()).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(again.errorMessage()).contains("already in terminal status 'cancelled'");
    }

    @Test
    void aTaskParameterThatIsNoObjectOrATtlThatIsNoIntegerIsInvalidParams() {
        McpTestClient client = connected("alice");

        for (Object task : List.of("soon", 5, List.of(), Map.of("ttl", 1.5), Map.of("ttl", "60000"))) {
            McpResponse refused = client.request("tools/call", Map.of("name", "long_import", "arguments",
                    Map.of("items", 1, "millisPerItem", 1), "task", task));
            assertThat(refused.errorCode()).as("task %s", task).isEqualTo(ErrorCodes.INVALID_PARAMS);
            assertThat(refused.errorMessage()).as("task %s", task).containsAnyOf("\"task\" must be an object",
                    "\"task.ttl\" must be an integer");
        }
        JsonNode task = client.request("tools/call", Map.of("name", "long_import", "arguments",
                Map.of("items", 1, "millisPerItem", 1), "task", Map.of("ttl", 60_000.0))).result().path("task");
        assertThat(task.path("ttl").asLong()).as("an integer written with a fraction of zero").isEqualTo(60_000);
    }

    @Test
    void taskSupportIsEnforcedPerTool() {
        McpTestClient client = connected("alice");

        McpResponse forbidden = client.request("tools/call", Map.of("name", "plain", "arguments", Map.of(), "task",
                Map.of()));
        assertThat(forbidden.errorCode()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
        assertThat(forbidden.errorMessage()).contains("cannot run as a task");
        McpResponse required = client.callTool("required_import", Map.of());
        assertThat(required.errorCode()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
        assertThat(required.errorMessage()).contains("runs only as a task");
        // an optional one runs as an ordinary call without the parameter
        assertThat(client.callTool("long_import", Map.of("items", 1, "millisPerItem", 1)).result().path("content")
            .path(0).path("text").asString()).isEqualTo("imported 1 items");
        // and tasks/update is the extension's, not this revision's
        assertThat(client.request("tasks/update", Map.of("taskId", "x")).errorCode())
            .isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
    }

    @Test
    void anotherPrincipalNeitherSeesNorListsNorCancelsTheTask() {
        McpTestClient alice = connected("alice");
        McpTestClient bob = connected("bob");
        String taskId = alice.request("tools/call", Map.of("name", "task_whoami", "arguments", Map.of(), "task",
                Map.of())).result().path("task").path("taskId").asString();

        for (String method : List.of("tasks/get", "tasks/result", "tasks/cancel")) {
            McpResponse refused = bob.request(method, Map.of("taskId", taskId));
            assertThat(refused.errorCode()).as(method).isEqualTo(ErrorCodes.INVALID_PARAMS);
            assertThat(refused.errorMessage()).as(method).contains("Task not found");
        }
        assertThat(bob.request("tasks/list", Map.of()).result().path("tasks").findValuesAsString("taskId"))
            .doesNotContain(taskId);
        assertThat(alice.request("tasks/result", Map.of("taskId", taskId)).result().path("content").path(0)
            .path("text").asString()).isEqualTo("alice");
    }

    @Test
    void olderRevisionsKnowNoTaskMethods() {
        McpTestClient client = client("alice");
        client.connect("2025-06-18");

        assertThat(client.request("tasks/get", Map.of("taskId", "x")).errorCode())
            .isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
        // a required one runs as an ordinary call: the revision has no tasks to ask for
        assertThat(client.callTool("required_import", Map.of()).result().path("content").path(0).path("text")
            .asString()).isEqualTo("done");
    }

    // ---------------------------------------------------------------- helpers

    McpTestClient client(String user) {
        return McpTestClient.builder(URI.create("http://localhost:" + port + "/mcp"))
            .header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
            .build();
    }

    McpTestClient connected(String user) {
        McpTestClient client = client(user);
        client.connect("2025-11-25", CAPABILITIES);
        return client;
    }

    static JsonNode tool(JsonNode tools, String name) {
        for (JsonNode tool : tools) {
            if (tool.path("name").asString().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name + " in " + tools);
    }

    static JsonNode poll(McpTestClient client, String taskId, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            JsonNode task = client.request("tasks/get", Map.of("taskId", taskId)).result();
            if (done.test(task)) {
                return task;
            }
            assertThat(System.nanoTime()).as("task %s still %s", taskId, task).isLessThan(deadline);
            ModernTasksHttpTests.sleep(100);
        }
    }
}
