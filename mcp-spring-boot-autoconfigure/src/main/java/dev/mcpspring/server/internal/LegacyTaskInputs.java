package dev.mcpspring.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.RequestState;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.task.TaskStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The questions of a task of a 2025-11-25 session: requests sent to the client as in any call, tagged with the task
 * ({@code _meta["io.modelcontextprotocol/related-task"]}), while the task is {@code input_required}. They travel on
 * the stream of a {@code tasks/result} request waiting for the task when there is one, else on the session's GET
 * stream. Progress becomes the task's status message too.
 */
final class LegacyTaskInputs implements InputChannel {

    private final String taskId;

    private final McpSession session;

    private final TaskStore store;

    private final JsonRpcCodec codec;

    private final ClientRequestSender sender;

    private final Clock clock;

    private final Function<String, @Nullable MessageSink> resultStream;

    private final Map<String, Integer> counts = new HashMap<>();

    private final RequestState values;

    /** The requests sent to the client and not answered yet, by key. */
    private final Map<String, JsonRpcMessage> outstanding = new ConcurrentHashMap<>();

    /**
     * Where the sender writes a question: the stream of a {@code tasks/result} request waiting for the task when
     * there is one; else nowhere ({@code false}), so that the sender puts it on the session's GET stream. Either
     * way the request is kept, to be sent again to a {@code tasks/result} that opens later.
     */
    private final class Question implements MessageSink {

        private final String key;

        Question(String key) {
            this.key = key;
        }

        @Override
        public boolean send(JsonRpcMessage message) {
            // kept before the stream is looked for: a tasks/result opening meanwhile registers its stream before it
            // resends what is kept, so one of the two reaches it (twice at worst; the second answer is ignored)
            outstanding.put(key, message);
            MessageSink stream = resultStream.apply(taskId);
            return stream != null && stream.send(message);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    LegacyTaskInputs(String taskId, McpSession session, TaskStore store, JsonRpcCodec codec,
            ClientRequestSender sender, Clock clock, Function<String, @Nullable MessageSink> resultStream) {
        this.taskId = taskId;
        this.session = session;
        this.store = store;
        this.codec = codec;
        this.sender = sender;
        this.clock = clock;
        this.resultStream = resultStream;
        this.values = InputRounds.singleRound(codec);
    }

    @Override
    public <T> CompletableFuture<T> call(@Nullable String name, String method, @Nullable Object params,
            Class<T> resultType, Duration timeout) {
        ObjectNode tree = params == null ? codec.mapper().createObjectNode()
                : ((ObjectNode) codec.toTree(params)).deepCopy();
        JsonNode meta = tree.get("_meta");
        ObjectNode metaObject = meta instanceof ObjectNode object ? object : tree.putObject("_meta");
        metaObject.putObject(TaskWire.RELATED_TASK).put("taskId", taskId);
        String key;
        synchronized (this) {
            String base = name != null ? name : InputRounds.kindOf(method);
            int count = counts.merge(base, 1, Integer::sum);
            key = base + "-" + count;
        }
        ObjectNode question = codec.mapper().createObjectNode();
        question.put("method", method);
        question.set("params", tree);
        boolean asked = store.update(taskId, task -> task.withInputRequest(key, question, "Waiting for the client to "
                + "answer " + method, clock.instant())).map(task -> !task.status().isTerminal()).orElse(false);
        if (!asked) {
            return CompletableFuture.failedFuture(new McpRequestCancelledException("Cannot ask the client " + method
                    + ": the task has ended"));
        }
        CompletableFuture<T> answer = sender.send(session, new Question(key), method, tree, resultType, timeout);
        answer.whenComplete((value, error) -> {
            outstanding.remove(key);
            store.update(taskId, task -> task.withoutInputRequest(key, clock.instant()));
        });
        return answer;
    }

    /**
     * Sends the questions still unanswered on {@code stream}, the stream of a {@code tasks/result} request that
     * opened after they were asked: they went to the session's GET stream, which the client may not listen to.
     * The client answers one of them once; a second answer to the same request id is ignored.
     */
    void resendOn(MessageSink stream) {
        outstanding.values().forEach(stream::send);
    }

    @Override
    public RequestState values() {
        return values;
    }

    @Override
    public void progress(double progress, @Nullable Double total, @Nullable String message) {
        if (message != null) {
            store.update(taskId, task -> task.withStatusMessage(message, clock.instant()));
        }
    }
}
