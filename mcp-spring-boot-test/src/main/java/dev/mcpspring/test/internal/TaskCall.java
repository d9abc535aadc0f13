package dev.mcpspring.test.internal;

import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool called as a task and followed to its end, as a client that handles tasks does. In a 2025 session the call
 * carries the {@code task} parameter and {@code tasks/result} waits for the result (the tool's questions arrive on
 * its stream and are answered as scripted); in 2026-07-28 every request declares the tasks extension, and
 * {@code tasks/get} is polled at the interval the server asks for, its {@code inputRequests} answered as scripted
 * with {@code tasks/update}. A tool that does not run as a task answers the call itself.
 */
public final class TaskCall {

    private static final String EXTENSION = "io.modelcontextprotocol/tasks";

    private static final Duration LONGEST_POLL_INTERVAL = Duration.ofMillis(200);

    private final ClientCore core;

    private final Connection connection;

    private final boolean modern;

    /**
     * @param core       the client
     * @param connection the connection of the client's protocol era
     */
    public TaskCall(ClientCore core, Connection connection) {
        this.core = core;
        this.connection = connection;
        this.modern = connection instanceof ModernConnection;
    }

    /** Calls {@code name} as a task and answers with the outcome the call would have had. */
    public Outcome call(String name, ObjectNode arguments) {
        ObjectNode params = core.mapper().createObjectNode().put("name", name);
        params.set("arguments", arguments);
        if (!modern) {
            params.putObject("task");
        }
        Outcome created = connection.request("tools/call", declaringTasks(params));
        JsonNode result = created.response() == null ? null : created.response().get("result");
        String taskId = result == null ? null
                : modern ? result.path("taskId").asString(null) : result.path("task").path("taskId").asString(null);
        if (taskId == null) {
            return created;
        }
        return modern ? polled(taskId, created) : connection.request("tasks/result", taskParams(taskId));
    }

    private Outcome polled(String taskId, Outcome created) {
        long deadline = System.nanoTime() + core.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            Outcome polled = connection.request("tasks/get", declaringTasks(taskParams(taskId)));
            JsonNode task = polled.response() == null ? null : polled.response().get("result");
            if (task == null) {
                return polled;
            }
            switch (task.path("status").asString()) {
                case "completed" -> {
                    return answered(polled, "result", task.get("result"));
                }
                case "failed" -> {
                    return answered(polled, "error", task.get("error"));
                }
                case "cancelled" -> {
                    return polled;
                }
                case "input_required" -> answer(taskId, task.path("inputRequests"));
                default -> pause(task.path("pollIntervalMs").asLong(100));
            }
        }
        throw new IllegalStateException("task " + taskId + " did not end within " + core.timeout()
                + " (McpTestClient.timeout); its creation answered " + created.response());
    }

    private void answer(String taskId, JsonNode inputRequests) {
        ObjectNode responses = core.mapper().createObjectNode();
        for (Map.Entry<String, JsonNode> question : inputRequests.properties()) {
            responses.set(question.getKey(), core.answers()
                .answer(question.getValue().path("method").asString(), question.getValue().get("params")));
        }
        ObjectNode params = taskParams(taskId);
        params.set("inputResponses", responses);
        connection.request("tasks/update", declaringTasks(params));
    }

    /** The polled outcome with the task's result or error as its response's, as the call would have answered. */
    private Outcome answered(Outcome polled, String member, JsonNode value) {
        ObjectNode response = ((ObjectNode) polled.response()).deepCopy();
        response.remove("result");
        response.set(member, value);
        return new Outcome(response, polled.httpStatus(), polled.body(), polled.notifications());
    }

    private ObjectNode taskParams(String taskId) {
        return core.mapper().createObjectNode().put("taskId", taskId);
    }

    /** In 2026-07-28, params whose {@code _meta} declares the tasks extension besides the other capabilities. */
    private ObjectNode declaringTasks(ObjectNode params) {
        if (modern) {
            ObjectNode capabilities = core.mapper().valueToTree(core.answers().capabilities());
            capabilities.withObject("extensions").putObject(EXTENSION);
            params.withObject("_meta").set(ModernConnection.CLIENT_CAPABILITIES, capabilities);
        }
        return params;
    }

    private static void pause(long pollIntervalMs) {
        try {
            Thread.sleep(Math.min(Math.max(pollIntervalMs, 10), LONGEST_POLL_INTERVAL.toMillis()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a task", ex);
        }
    }
}
