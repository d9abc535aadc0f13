package dev.mcpspring.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one task as a {@link TaskStore} keeps it: everything {@code tasks/get} answers, whom it belongs to,
 * and the questions to the client and answers in flight. Immutable: every change makes a new record (the JSON
 * members are never modified once a record holds them; the {@code with...} methods copy what they change).
 *
 * @param taskId          the task's id: random, unguessable, unique in the store
 * @param principal       the name of the principal that created the task, or {@code null} when it was anonymous;
 *                        only the same principal sees the task
 * @param sessionId       the 2025 session that created the task, or {@code null} (a 2026-07-28 request); an
 *                        anonymous session lists only its own tasks
 * @param protocolVersion the protocol revision of the request that created the task
 * @param toolName        the tool the task runs
 * @param status          the task's status
 * @param statusMessage   what is happening, for people (a tool's progress message), or {@code null}
 * @param createdAt       when the task was created
 * @param lastUpdatedAt   when its status or message last changed
 * @param ttl             how long after its creation the task is kept, whatever its status; {@code null}: for ever
 * @param pollInterval    how often the client should poll
 * @param inputRequests   the questions to the client still unanswered, by key: {@code {"method": ..., "params":
 *                        ...}}; {@code null} when there are none
 * @param inputResponses  answers the client sent that the running tool has not taken yet, by key; {@code null}
 *                        when there are none
 * @param result          the tool's result ({@code CallToolResult} as JSON) once completed, else {@code null}
 * @param error           the JSON-RPC error ({@code code}, {@code message}, {@code data}) once failed, else
 *                        {@code null}
 */
public record TaskRecord(String taskId, @Nullable String principal, @Nullable String sessionId,
        String protocolVersion, String toolName, TaskStatus status, @Nullable String statusMessage, Instant createdAt,
        Instant lastUpdatedAt, @Nullable Duration ttl, Duration pollInterval, @Nullable ObjectNode inputRequests,
        @Nullable ObjectNode inputResponses, @Nullable JsonNode result, @Nullable JsonNode error) {

    public TaskRecord {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
        Objects.requireNonNull(pollInterval, "pollInterval");
        inputRequests = inputRequests == null || inputRequests.isEmpty() ? null : inputRequests;
        inputResponses = inputResponses == null || inputResponses.isEmpty() ? null : inputResponses;
    }

    /** A new task, {@link TaskStatus#WORKING}. */
    public static TaskRecord working(String taskId, @Nullable String principal, @Nullable String sessionId,
            String protocolVersion, String toolName, Instant now, @Nullable Duration ttl, Duration pollInterval) {
        return new TaskRecord(taskId, principal, sessionId, protocolVersion, toolName, TaskStatus.WORKING, null, now,
                now, ttl, pollInterval, null, null, null, null);
    }

    /** When the task may be forgotten, or {@code null} when never. */
    public @Nullable Instant expiresAt() {
        return ttl == null ? null : createdAt.plus(ttl);
    }

    /** Whether the task's time-to-live has passed at {@code now}. */
    public boolean isExpired(Instant now) {
        Instant expiresAt = expiresAt();
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /**
     * Whether a caller may see the task: the principal that created it, or, for a task created anonymously in a
     * session (2025-11-25), that session only, as {@link TaskStore#list} lists it; an anonymous task without a
     * session (2026-07-28) is known by its unguessable id alone.
     *
     * @param principal the caller's principal name, {@code null} for anonymous
     * @param sessionId the caller's session, {@code null} outside one
     */
    public boolean isVisibleTo(@Nullable String principal, @Nullable String sessionId) {
        if (principal != null || this.principal != null) {
            return Objects.equals(this.principal, principal);
        }
        return this.sessionId == null || this.sessionId.equals(sessionId);
    }

    /** This task with another status message (the status is unchanged). */
    public TaskRecord withStatusMessage(@Nullable String message, Instant now) {
        if (status.isTerminal() || Objects.equals(message, statusMessage)) {
            return this;
        }
        return new TaskRecord(taskId, principal, sessionId, protocolVersion, toolName, status, message, createdAt, now,
                ttl, pollInterval, inputRequests, inputResponses, result, error);
    }

    /** This task, completed with {@code result}; unchanged when it has already ended. */
    public TaskRecord completed(JsonNode result, Instant now) {
        if (status.isTerminal()) {
            return this;
        }
        return new TaskRecord(taskId, principal, sessionId, protocolVersion, toolName, TaskStatus.COMPLETED,
                statusMessage, createdAt, now, ttl, pollInterval, null, null, result, null);
    }

    /** This task, failed with the JSON-RPC {@code error}; unchanged when it has already ended. */
    public TaskRecord failed(JsonNode error, @Nullable String message, Instant now) {
        if (status.isTerminal()) {
            return this;
        }
        return new TaskRecord(taskId, principal, sessionId, protocolVersion, toolName, TaskStatus.FAILED, message,
                createdAt, now, ttl, pollInterval, null, null, null, error);
    }

    /** This task, cancelled; unchanged when it has already ended. */
    public TaskRecord cancelled(@Nullable String message, Instant now) {
        if (status.isTerminal()) {
            return this;
        }
        return new TaskRecord(taskId, principal, sessionId, protocolVersion, toolName, TaskStatus.CANCELLED, message,
                createdAt, now, ttl, pollInterval, null, null, null, null);
    }

    /**
     * This task waiting for the client's answer to one more question ({@link TaskStatus#INPUT_REQUIRED});
     * unchanged when it has ended.
     *
     * @param key     the question's key, unique in the task
     * @param request {@code {"method": ..., "params": ...}}
     */
    public TaskRecord withInputRequest(String key, JsonNode request, @Nullable String message, Instant now) {
        if (status.isTerminal()) {
            return this;
        }
        ObjectNode requests = copy(inputRequests);
        requests.set(key, request);
        return new TaskRecord(taskId, principal, sessionId, protocolVersion, toolName, TaskStatus.INPUT_REQUIRED,
                message, createdAt, now, ttl, pollInterval, requests, inputResponses, result, error);
    }

    /**
     * This task with the client's answers to the questions {@code answers} names (keys of no outstanding question
     * are ignored): each answered question moves to {@link #inputResponses()}, and the task is working again once
     * none is left. Unchanged when no key matches or the task has ended.
     */
    public TaskRecord answered(ObjectNode answers, Instant now) {
        if (status.isTerminal() || inputRequests == null) {
            return this;
        }
        ObjectNode requests = copy(inputRequests);
        ObjectNode responses = copy(inputResponses);
        boolean changed = false;
        for (String key : answers.propertyNames()) {
            if (requests.has(key)) {
                requests.remove(key);
                responses.set(key, answers.get(key));
                changed = true;
            }
        }
        if (!changed) {
            return this;
        }
        TaskStatus next = requests.isEmpty() ? TaskStatus.WORKING : TaskStatus.INPUT_REQUIRED;
        String message = requests.isEmpty() ? null : statusMessage;
        return new TaskRecord(taskId, principal, sessionId, protocolVersion, toolName, next, message, createdAt, now,
                ttl, pollInterval, requests, responses, result, error);
    }

    /** This task without the answers of {@code keys}, which the running tool has taken. */
    public TaskRecord withoutResponses(Collection<String> keys) {
        if (inputResponses == null || keys.stream().noneMatch(inputResponses::has)) {
            return this;
        }
        ObjectNode responses = copy(inputResponses);
        responses.remove(keys);
        return new TaskRecord(taskId, principal, sessionId, protocolVersion, toolName, status, statusMessage,
                createdAt, lastUpdatedAt, ttl, pollInterval, inputRequests, responses, result, error);
    }

    /**
     * This task without the question {@code key} (asked again elsewhere, or withdrawn), working again when no other
     * is left.
     */
    public TaskRecord withoutInputRequest(String key, Instant now) {
        if (status.isTerminal() || inputRequests == null || !inputRequests.has(key)) {
            return this;
        }
        ObjectNode requests = copy(inputRequests);
        requests.remove(key);
        TaskStatus next = requests.isEmpty() ? TaskStatus.WORKING : status;
        return new TaskRecord(taskId, principal, sessionId, protocolVersion, toolName, next,
                requests.isEmpty() ? null : statusMessage, createdAt, now, ttl, pollInterval, requests,
                inputResponses, result, error);
    }

    private static ObjectNode copy(@Nullable ObjectNode node) {
        return node == null ? JsonNodeFactory.instance.objectNode() : node.deepCopy();
    }
}
