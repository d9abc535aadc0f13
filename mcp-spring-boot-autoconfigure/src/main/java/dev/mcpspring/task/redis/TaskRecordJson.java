package dev.mcpspring.task.redis;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.task.TaskRecord;
import dev.mcpspring.task.TaskStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** A task record as the JSON kept in Redis. */
final class TaskRecordJson {

    private TaskRecordJson() {
    }

    static String write(TaskRecord task, ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("taskId", task.taskId());
        putText(json, "principal", task.principal());
        putText(json, "sessionId", task.sessionId());
        json.put("protocolVersion", task.protocolVersion());
        json.put("toolName", task.toolName());
        json.put("status", task.status().wireValue());
        putText(json, "statusMessage", task.statusMessage());
        json.put("createdAt", task.createdAt().toEpochMilli());
        json.put("lastUpdatedAt", task.lastUpdatedAt().toEpochMilli());
        if (task.ttl() != null) {
            json.put("ttlMs", task.ttl().toMillis());
        }
        json.put("pollIntervalMs", task.pollInterval().toMillis());
        putJson(json, "inputRequests", task.inputRequests());
        putJson(json, "inputResponses", task.inputResponses());
        putJson(json, "result", task.result());
        putJson(json, "error", task.error());
        return mapper.writeValueAsString(json);
    }

    static TaskRecord read(String text, ObjectMapper mapper) {
        JsonNode json = mapper.readTree(text);
        TaskStatus status = TaskStatus.fromWire(json.path("status").asString());
        if (status == null) {
            throw new IllegalStateException("A task in Redis has the unknown status " + json.get("status"));
        }
        return new TaskRecord(json.path("taskId").asString(), text(json, "principal"), text(json, "sessionId"),
                json.path("protocolVersion").asString(), json.path("toolName").asString(), status,
                text(json, "statusMessage"), Instant.ofEpochMilli(json.path("createdAt").asLong()),
                Instant.ofEpochMilli(json.path("lastUpdatedAt").asLong()),
                json.has("ttlMs") ? Duration.ofMillis(json.get("ttlMs").asLong()) : null,
                Duration.ofMillis(json.path("pollIntervalMs").asLong()), object(json, "inputRequests"),
                object(json, "inputResponses"), node(json, "result"), node(json, "error"));
    }

    private static void putText(ObjectNode json, String name, @Nullable String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static void putJson(ObjectNode json, String name, @Nullable JsonNode value) {
        if (value != null) {
            json.set(name, value);
        }
    }

    private static @Nullable String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static @Nullable ObjectNode object(JsonNode json, String name) {
        return json.get(name) instanceof ObjectNode object ? object : null;
    }

    private static @Nullable JsonNode node(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value;
    }
}
