package dev.mcpspring.server.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import dev.mcpspring.task.TaskRecord;
import dev.mcpspring.task.TaskStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task as each era writes it: the {@code io.modelcontextprotocol/tasks} extension (2026-07-28: {@code ttlMs},
 * {@code pollIntervalMs}, results and errors inlined in {@code tasks/get}) and the experimental utility of
 * 2025-11-25 ({@code ttl}, {@code pollInterval}, results through {@code tasks/result}, a tool error is a failed
 * task).
 */
final class TaskWire {

    /** The {@code _meta} key that ties a 2025-11-25 message to its task. */
    static final String RELATED_TASK = "io.modelcontextprotocol/related-task";

    private TaskWire() {
    }

    /**
     * The task as the extension writes it (a {@code Task}); with its outstanding questions, its result or its
     * error when {@code detailed} (a {@code DetailedTask}, as {@code tasks/get} answers).
     */
    static ObjectNode modern(TaskRecord task, ObjectMapper mapper, boolean detailed) {
        ObjectNode json = common(task, mapper, task.status());
        if (task.ttl() == null) {
            json.putNull("ttlMs");
        }
        else {
            json.put("ttlMs", task.ttl().toMillis());
        }
        json.put("pollIntervalMs", task.pollInterval().toMillis());
        if (detailed) {
            switch (task.status()) {
                case INPUT_REQUIRED -> json.set("inputRequests",
                        task.inputRequests() != null ? task.inputRequests() : mapper.createObjectNode());
                case COMPLETED -> json.set("result", task.result());
                case FAILED -> json.set("error", task.error());
                default -> {
                }
            }
        }
        return json;
    }

    /** The task as 2025-11-25 writes it: a tool result with {@code isError: true} is a failed task there. */
    static ObjectNode legacy(TaskRecord task, ObjectMapper mapper) {
        TaskStatus status = legacyStatus(task);
        ObjectNode json = common(task, mapper, status);
        if (status != task.status() && task.statusMessage() == null) {
            // a failed task says why in its status, so that a client showing only the status shows the reason
            json.put("statusMessage", toolErrorText(task.result()));
        }
        if (task.ttl() == null) {
            json.putNull("ttl");
        }
        else {
            json.put("ttl", task.ttl().toMillis());
        }
        json.put("pollInterval", task.pollInterval().toMillis());
        return json;
    }

    /** The status a 2025-11-25 client sees. */
    static TaskStatus legacyStatus(TaskRecord task) {
        JsonNode result = task.result();
        boolean toolError = result != null && result.path("isError").asBoolean(false);
        return task.status() == TaskStatus.COMPLETED && toolError ? TaskStatus.FAILED : task.status();
    }

    /** The text of a tool's error result, as a failed task's status message. */
    private static String toolErrorText(JsonNode result) {
        StringBuilder text = new StringBuilder();
        for (JsonNode content : result.path("content").values()) {
            if ("text".equals(content.path("type").asString())) {
                text.append(text.isEmpty() ? "" : "\n").append(content.path("text").asString());
            }
        }
        return text.isEmpty() ? "The tool reported an error" : text.toString();
    }

    private static ObjectNode common(TaskRecord task, ObjectMapper mapper, TaskStatus status) {
        ObjectNode json = mapper.createObjectNode();
        json.put("taskId", task.taskId());
        json.put("status", status.wireValue());
        if (task.statusMessage() != null) {
            json.put("statusMessage", task.statusMessage());
        }
        json.put("createdAt", timestamp(task.createdAt()));
        json.put("lastUpdatedAt", timestamp(task.lastUpdatedAt()));
        return json;
    }

    /** ISO 8601 in UTC, to the millisecond. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
