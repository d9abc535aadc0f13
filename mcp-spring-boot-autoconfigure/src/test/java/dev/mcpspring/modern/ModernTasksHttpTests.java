package dev.mcpspring.modern;

import static dev.mcpspring.modern.ModernProtocolHttpTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.mcpspring.cluster.BasicAuthSecurity;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tools as tasks for 2026-07-28 clients (the {@code io.modelcontextprotocol/tasks} extension), over real HTTP: a
 * task that works for seconds while the client polls, one that asks for input mid-flight, one cancelled, failing
 * ones, one looked for by another principal, and the server's choice per request.
 */
@SpringBootTest(classes = { ModernTasksHttpTests.TasksApplication.class, TaskTestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.tasks.poll-interval=250ms", "mcp.server.tasks.ttl=10m" })
class ModernTasksHttpTests {

    static final String EXTENSION = "io.modelcontextprotocol/tasks";

    static final Map<String, Object> WITH_TASKS = Map.of("elicitation", Map.of("form", Map.of()), "extensions",
            Map.of(EXTENSION, Map.of()));

    @LocalServerPort
    int port;

    @Autowired
    TaskTestTools tools;

    @Test
    void theServerDeclaresTheExtensionInDiscover() {
        JsonNode capabilities = client("alice").discover().result().path("capabilities");

        assertThat(capabilities.path("extensions").has(EXTENSION)).isTrue();
        assertThat(capabilities.has("tasks")).as("no 2025-11-25 tasks capability for 2026-07-28").isFalse();
    }

    @Test
    void aTaskRunsForSecondsWhileTheClientPollsAndItsProgressIsTheStatusMessage() {
        ModernClient client = client("alice");
        Instant started = Instant.now();

        JsonNode created = client.callTool("long_import", Map.of("items", 10, "millisPerItem", 200)).result();

        assertThat(Duration.between(started, Instant.now())).as("answered at once").isLessThan(Duration.ofSeconds(2));
        assertThat(created.path("resultType").asString()).isEqualTo("task");
        assertThat(created.path("status").asString()).isEqualTo("working");
        assertThat(created.path("ttlMs").asLong()).isEqualTo(600_000);
        assertThat(created.path("pollIntervalMs").asLong()).isEqualTo(250);
        assertThat(created.path("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*Z");
        assertThat(created.has("result")).isFalse();
        String taskId = created.path("taskId").asString();

        List<String> messages = new ArrayList<>();
        JsonNode done = poll(client, taskId, task -> {
            if (task.has("statusMessage")) {
                messages.add(task.path("statusMessage").asString());
            }
            return isTerminal(task);
        });

        assertThat(done.path("resultType").asString()).isEqualTo("complete");
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(done.path("result").path("content").path(0).path("text").asString())
            .isEqualTo("imported 10 items");
        assertThat(messages).anyMatch(message -> message.matches("imported \\d+ of 10"));
        assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        // kept after it ended, for its time-to-live
        assertThat(get(client, taskId).result().path("status").asString()).isEqualTo("completed");
    }

    @Test
    void aTaskThatAsksForInputWaitsForTasksUpdate() {
        ModernClient client = client("alice");
        String taskId = client.callTool("approve_import", Map.of("file", "orders.csv")).result().path("taskId")
            .asString();

        JsonNode waiting = poll(client, taskId, task -> !"working".equals(task.path("status").asString()));
        assertThat(waiting.path("status").asString()).isEqualTo("input_required");
        JsonNode question = waiting.path("inputRequests").path("approval");
        assertThat(question.path("method").asString()).isEqualTo("elicitation/create");
        assertThat(question.path("params").path("message").asString()).isEqualTo("Import orders.csv?");
        // polled again before the answer: the same question
        assertThat(get(client, taskId).result().path("inputRequests").has("approval")).isTrue();

        McpResponse ack = client.request("tasks/update", Map.of("taskId", taskId, "inputResponses",
                Map.of("approval", ModernTools.accept("approve", true), "unknown-key", Map.of("x", 1))));
        assertThat(ack.result().path("resultType").asString()).isEqualTo("complete");
        assertThat(ack.result().has("status")).isFalse();

        JsonNode done = poll(client, taskId, ModernTasksHttpTests::isTerminal);
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(done.path("result").path("content").path(0).path("text").asString())
            .isEqualTo("imported orders.csv");
    }

    @Test
    void twoQuestionsAtOnceAreAnsweredOneByOne() {
        ModernClient client = client("alice");
        String taskId = client.callTool("two_questions", Map.of()).result().path("taskId").asString();

        JsonNode waiting = poll(client, taskId, task -> task.path("inputRequests").size() == 2);
        assertThat(waiting.path("inputRequests").propertyNames()).containsExactlyInAnyOrder("first", "second");

        assertError(client.request("tasks/update", Map.of("taskId", taskId, "inputResponses",
                Map.of("first", ModernTools.accept("name", "Ada"), "second", Map.of("action", "maybe")))), 200,
                ErrorCodes.INVALID_PARAMS, "the answer to \"second\" is not a valid result of elicitation/create:");
        assertThat(get(client, taskId).result().path("inputRequests").propertyNames())
            .as("a refused update changes nothing").containsExactlyInAnyOrder("first", "second");

        client.request("tasks/update", Map.of("taskId", taskId, "inputResponses",
                Map.of("first", ModernTools.accept("name", "Ada"))));
        JsonNode partly = get(client, taskId).result();
        assertThat(partly.path("status").asString()).isEqualTo("input_required");
        assertThat(partly.path("inputRequests").propertyNames()).containsExactly("second");

        client.request("tasks/update", Map.of("taskId", taskId, "inputResponses",
                Map.of("second", ModernTools.accept("name", "Grace"))));
        JsonNode done = poll(client, taskId, ModernTasksHttpTests::isTerminal);
        assertThat(done.path("result").path("content").path(0).path("text").asString()).isEqualTo("Ada & Grace");
    }

    @Test
    void cancellingATaskReachesTheToolsCancellationAndIsIdempotent() throws InterruptedException {
        ModernClient client = client("alice");
        tools.endlessStarted = new CountDownLatch(1);
        tools.cancellations.clear();
        String taskId = client.callTool("endless", Map.of()).result().path("taskId").asString();
        assertThat(tools.endlessStarted.await(10, TimeUnit.SECONDS)).isTrue();

        McpResponse ack = client.request("tasks/cancel", Map.of("taskId", taskId));
        assertThat(ack.result().path("resultType").asString()).isEqualTo("complete");
        assertThat(ack.result().has("taskId")).isFalse();

        assertThat(get(client, taskId).result().path("status").asString()).isEqualTo("cancelled");
        awaitUntil(() -> tools.cancellations.containsAll(List.of("onCancel", "interrupted", "isCancelled")));
        // the tool's own answer after it stopped does not change a cancelled task
        Thread.sleep(200);
        assertThat(get(client, taskId).result().path("status").asString()).isEqualTo("cancelled");
        // cancelling again, or an ended task, is acknowledged the same way
        assertThat(client.request("tasks/cancel", Map.of("taskId", taskId)).result().path("resultType").asString())
            .isEqualTo("complete");
    }

    @Test
    void aProtocolErrorFailsTheTaskAndAToolErrorCompletesIt() {
        ModernClient client = client("alice");

        String broken = client.callTool("broken_import", Map.of()).result().path("taskId").asString();
        JsonNode failed = poll(client, broken, ModernTasksHttpTests::isTerminal);
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error").path("code").asInt()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(failed.path("error").path("message").asString()).isEqualTo("The import service is down");
        assertThat(failed.has("result")).isFalse();

        String signIn = client.callTool("sign_in_import", Map.of()).result().path("taskId").asString();
        JsonNode ended = poll(client, signIn, ModernTasksHttpTests::isTerminal);
        assertThat(ended.path("status").asString()).as("no error -32042 in 2026-07-28").isEqualTo("completed");
        assertThat(ended.path("result").path("isError").asBoolean()).isTrue();
        assertThat(ended.path("result").path("content").path(0).path("text").asString()).isEqualTo("The import "
                + "service needs a sign-in. Complete this first, then call the tool again: Sign in to the import "
                + "service (https://import.example/sign-in)");

        String rejecting = client.callTool("rejecting_import", Map.of()).result().path("taskId").asString();
        JsonNode completed = poll(client, rejecting, ModernTasksHttpTests::isTerminal);
        assertThat(completed.path("status").asString()).isEqualTo("completed");
        assertThat(completed.path("result").path("isError").asBoolean()).isTrue();
        assertThat(completed.path("result").path("content").path(0).path("text").asString())
            .contains("the file is not a CSV file");
    }

    @Test
    void anotherPrincipalGetsNotFoundForEveryMethodAndTheOwnerStillSeesItsTask() {
        ModernClient alice = client("alice");
        ModernClient bob = client("bob");
        String taskId = alice.callTool("task_whoami", Map.of()).result().path("taskId").asString();

        assertError(bob.request("tasks/get", Map.of("taskId", taskId)), 200, ErrorCodes.INVALID_PARAMS,
                "Task not found");
        assertError(bob.request("tasks/cancel", Map.of("taskId", taskId)), 200, ErrorCodes.INVALID_PARAMS,
                "Task not found");
        assertError(bob.request("tasks/update", Map.of("taskId", taskId, "inputResponses", Map.of())), 200,
                ErrorCodes.INVALID_PARAMS, "Task not found");

        JsonNode done = poll(alice, taskId, ModernTasksHttpTests::isTerminal);
        assertThat(done.path("result").path("content").path(0).path("text").asString()).isEqualTo("alice");
    }

    @Test
    void withoutTheExtensionToolsRunAsCallsAndRequiredOnesAndTheTaskMethodsAreRefusedWithMinus32021() {
        ModernClient client = client("alice").capabilities(Map.of());

        JsonNode result = client.callTool("long_import", Map.of("items", 1, "millisPerItem", 1)).result();
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
        assertThat(result.path("content").path(0).path("text").asString()).isEqualTo("imported 1 items");

        JsonNode error = assertError(client.callTool("required_import", Map.of()), 400,
                ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, "runs only as a task");
        assertThat(error.path("data").path("requiredCapabilities").path("extensions").has(EXTENSION)).isTrue();
        assertError(client.request("tasks/get", Map.of("taskId", "x")), 400,
                ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, "tasks extension");
        assertError(client.request("tasks/cancel", Map.of("taskId", "x")), 400,
                ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, "tasks extension");
        assertError(client.request("tasks/update", Map.of("taskId", "x", "inputResponses", Map.of())), 400,
                ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, "tasks extension");
    }

    @Test
    void aToolThatNeverRunsAsATaskAnswersAtOnceEvenWithALegacyTaskParameter() {
        JsonNode result = client("alice").request("tools/call", Map.of("name", "plain", "arguments", Map.of(),
                "task", Map.of("ttl", 1000))).result();

        assertThat(result.path("resultType").asString()).isEqualTo("complete");
        assertThat(result.has("taskId")).isFalse();
    }

    @Test
    void aToolThatAnswersLaterIsATaskOnlyWhenItsFutureIsNotDone() {
        ModernClient client = client("alice");

        JsonNode quick = client.callTool("quick_async", Map.of()).result();
        assertThat(quick.path("resultType").asString()).isEqualTo("complete");
        assertThat(quick.path("content").path(0).path("text").asString()).isEqualTo("quick");

        JsonNode slow = client.callTool("slow_async", Map.of()).result();
        assertThat(slow.path("resultType").asString()).isEqualTo("task");
        JsonNode done = poll(client, slow.path("taskId").asString(), ModernTasksHttpTests::isTerminal);
        assertThat(done.path("result").path("content").path(0).path("text").asString()).isEqualTo("slow");
    }

    @Test
    void aToolThatAnswersLaterAsksWithinTheCallFirstThenItsFutureAsksInTheTask() {
        ModernClient client = client("alice");

        JsonNode round1 = client.callTool("ask_then_work", Map.of()).result();
        assertThat(round1.path("resultType").asString()).isEqualTo("input_required");
        assertThat(round1.has("taskId")).isFalse();
        assertThat(round1.path("inputRequests").has("name")).isTrue();

        JsonNode round2 = client.retryTool("ask_then_work", Map.of(), round1,
                Map.of("name", ModernTools.accept("name", "Ada"))).result();
        assertThat(round2.path("resultType").asString()).isEqualTo("task");
        assertThat(round2.has("requestState")).isFalse();
        String taskId = round2.path("taskId").asString();

        JsonNode waiting = poll(client, taskId, task -> !"working".equals(task.path("status").asString()));
        assertThat(waiting.path("status").asString()).isEqualTo("input_required");
        assertThat(waiting.path("inputRequests").path("confirm").path("params").path("message").asString())
            .isEqualTo("Greet Ada?");
        client.request("tasks/update", Map.of("taskId", taskId, "inputResponses",
                Map.of("confirm", ModernTools.accept("ok", true))));
        JsonNode done = poll(client, taskId, ModernTasksHttpTests::isTerminal);
        assertThat(done.path("result").path("content").path(0).path("text").asString()).isEqualTo("Hello, Ada!");
    }

    @Test
    void badTaskRequestsGetSpecificErrors() {
        ModernClient client = client("alice");

        assertError(client.request("tasks/get", Map.of("taskId", "no-such-task")), 200, ErrorCodes.INVALID_PARAMS,
                "Task not found");
        // without a taskId there is no Mcp-Name to mirror it: the header check refuses the request first
        assertError(client.request("tasks/get", Map.of()), 400, ErrorCodes.HEADER_MISMATCH,
                "Mcp-Name header is required for tasks/get");
        String taskId = client.callTool("task_whoami", Map.of()).result().path("taskId").asString();
        assertError(client.request("tasks/update", Map.of("taskId", taskId, "inputResponses", "yes")), 200,
                ErrorCodes.INVALID_PARAMS, "\"inputResponses\" is required and must be an object");
        assertError(client.request("tasks/result", Map.of("taskId", taskId)), 404, ErrorCodes.METHOD_NOT_FOUND,
                "tasks/result");
        assertError(client.request("tasks/list", Map.of()), 404, ErrorCodes.METHOD_NOT_FOUND, "tasks/list");

        ObjectNode params = client.params(Map.of("taskId", taskId));
        McpResponse mismatch = client.http().post(client.http().message(1, "tasks/get", params))
            .header(McpTestClient.VERSION_HEADER, ModernClient.VERSION)
            .header("Mcp-Method", "tasks/get")
            .header("Mcp-Name", "another-task")
            .send();
        assertError(mismatch, 400, ErrorCodes.HEADER_MISMATCH, "Mcp-Name");
    }

    @Test
    void taskStatusNotificationsNeedTheExtensionAndAreNotPromised() {
        McpResponse refused = client("alice").capabilities(Map.of()).request("subscriptions/listen",
                Map.of("notifications", Map.of("taskIds", List.of("some-task"))));
        JsonNode error = assertError(refused, 400, ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
                "notifications.taskIds");
        assertThat(error.path("data").path("requiredCapabilities").path("extensions").has(EXTENSION)).isTrue();

        ModernClient client = client("alice");
        try (var listen = client.start("subscriptions/listen", client.params(Map.of("notifications",
                Map.of("taskIds", List.of("some-task"), "toolsListChanged", true))))) {
            JsonNode acknowledged = listen.nextNotification("notifications/subscriptions/acknowledged",
                    Duration.ofSeconds(10));
            assertThat(acknowledged.path("params").path("notifications").path("toolsListChanged").asBoolean())
                .isTrue();
            assertThat(acknowledged.path("params").path("notifications").has("taskIds")).isFalse();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** This test's helpers for a server on {@code port} (the other tasks tests use them). */
    ModernTasksHttpTests withPort(int port) {
        this.port = port;
        return this;
    }

    ModernClient client(String user) {
        McpTestClient http = McpTestClient.builder(URI.create("http://localhost:" + port + "/mcp"))
            .header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
            .build();
        return new ModernClient(http).capabilities(WITH_TASKS);
    }

    static McpResponse get(ModernClient client, String taskId) {
        return client.request("tasks/get", Map.of("taskId", taskId));
    }

    static boolean isTerminal(JsonNode task) {
        return List.of("completed", "failed", "cancelled").contains(task.path("status").asString());
    }

    /** Polls {@code tasks/get} until {@code done} holds, for at most 20 seconds. */
    static JsonNode poll(ModernClient client, String taskId, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            McpResponse response = get(client, taskId);
            JsonNode task = response.result();
            assertThat(task.path("taskId").asString()).as("%s", response).isEqualTo(taskId);
            if (done.test(task)) {
                return task;
            }
            assertThat(System.nanoTime()).as("task %s still %s", taskId, task).isLessThan(deadline);
            sleep(100);
        }
    }

    static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition never held").isLessThan(deadline);
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The starter with HTTP Basic users alice and bob, so that tasks belong to principals. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(BasicAuthSecurity.class)
    static class TasksApplication {
    }
}
