package dev.mcpspring.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.server.McpPeerErrorException;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.RequestState;
import dev.mcpspring.task.TaskRecord;
import dev.mcpspring.task.TaskStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The questions of a task of a 2026-07-28 client: a {@code PeerHandle} call puts its question in the task's
 * {@code inputRequests} (the task is then {@code input_required}) and waits; the client's answer comes with
 * {@code tasks/update}, on whichever instance, as a change of the task in the store, and completes the wait here.
 * Progress becomes the task's status message. Calls have no time-out: the client answers in its own time, within
 * the task's time-to-live.
 */
final class TaskInputs implements InputChannel {

    private final String taskId;

    private final TaskStore store;

    private final JsonRpcCodec codec;

    private final Clock clock;

    private final Map<String, Integer> counts = new HashMap<>();

    /** The questions waiting for an answer, by key. */
    private final Map<String, Waiting> waiting = new HashMap<>();

    private final RequestState values;

    TaskInputs(String taskId, TaskStore store, JsonRpcCodec codec, Clock clock) {
        this.taskId = taskId;
        this.store = store;
        this.codec = codec;
        this.clock = clock;
        this.values = InputRounds.singleRound(codec);
    }

    @Override
    public <T> CompletableFuture<T> call(@Nullable String name, String method, @Nullable Object params,
            Class<T> resultType, Duration timeout) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        String key;
        synchronized (this) {
            key = keyOf(name, method);
            waiting.put(key, new Waiting(method, answer));
        }
        ObjectNode request = codec.mapper().createObjectNode();
        request.put("method", method);
        request.set("params", params == null ? codec.mapper().createObjectNode() : codec.toTree(params));
        boolean asked = store.update(taskId, task -> task.withInputRequest(key, request, "Waiting for the client to "
                + "answer " + method, clock.instant())).map(task -> !task.status().isTerminal()).orElse(false);
        if (!asked) {
            forget(key);
            return CompletableFuture.failedFuture(new McpRequestCancelledException("Cannot ask the client " + method
                    + ": the task has ended"));
        }
        CompletableFuture<T> result = answer.thenApply(json -> bind(method, json, resultType));
        result.whenComplete((value, error) -> {
            if (error != null && !answer.isDone()) { // cancelled by the tool: the question is withdrawn
                forget(key);
                store.update(taskId, task -> task.withoutInputRequest(key, clock.instant()));
            }
        });
        return result;
    }

    @Override
    public RequestState values() {
        return values;
    }

    @Override
    public void progress(double progress, @Nullable Double total, @Nullable String message) {
        String text = message != null ? message
                : total != null ? format(progress) + " of " + format(total) : format(progress);
        store.update(taskId, task -> task.withStatusMessage(text, clock.instant()));
    }

    /** Takes the answers that arrived for this task's questions and completes their waits. */
    void deliver(TaskRecord task) {
        ObjectNode responses = task.inputResponses();
        if (responses == null) {
            return;
        }
        List<String> taken = new ArrayList<>();
        List<Runnable> completions = new ArrayList<>();
        synchronized (this) {
            for (String key : responses.propertyNames()) {
                Waiting question = waiting.remove(key);
                if (question != null) {
                    JsonNode answer = responses.get(key);
                    taken.add(key);
                    completions.add(() -> question.answer().complete(answer));
                }
            }
        }
        if (!taken.isEmpty()) {
            store.update(taskId, current -> current.withoutResponses(taken));
            completions.forEach(Runnable::run); // outside the lock: the tool goes on on this thread
        }
    }

    private synchronized void forget(String key) {
        waiting.remove(key);
    }

    /** {@code name} the first time, {@code name-2}, ... after; by default the method's kind and its count. */
    private String keyOf(@Nullable String name, String method) {
        String base = name != null ? name : InputRounds.kindOf(method);
        int count = counts.merge(base, 1, Integer::sum);
        return name != null ? (count == 1 ? name : name + "-" + count) : base + "-" + count;
    }

    private <T> T bind(String method, JsonNode answer, Class<T> type) {
        JsonRpcError error = InputRounds.errorOf(answer);
        if (error != null) {
            throw new McpPeerErrorException(method, error);
        }
        return ClientResults.bind(codec, method, answer, type);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private record Waiting(String method, CompletableFuture<JsonNode> answer) {
    }
}
