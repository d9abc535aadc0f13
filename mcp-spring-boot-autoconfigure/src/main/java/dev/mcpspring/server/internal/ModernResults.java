package dev.mcpspring.server.internal;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.CompleteResult;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.ListPromptsResult;
import dev.mcpspring.protocol.ListResourceTemplatesResult;
import dev.mcpspring.protocol.ListResourcesResult;
import dev.mcpspring.protocol.ListToolsResult;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ReadResourceResult;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Gives results and errors the shape the modern revision (2026-07-28) wants: every result says its
 * {@code resultType} and carries the server's identity in {@code _meta}; cacheable ones carry the caching hints;
 * a resource that is not found is invalid params there.
 */
final class ModernResults {

    /**
     * The server's identity, written out once: it is the same in every result (a profile showed its writing). As a
     * serialized string it also keeps its UTF-8 bytes, which every result copies.
     */
    private final SerializableString serverInfo;

    private final Completion call;

    private final Completion list;

    private final Completion read;

    private final Completion retriedRead;

    private final JsonRpcCodec codec;

    ModernResults(JsonNode serverInfo, ModernSettings.CachingHints caching, JsonRpcCodec codec) {
        this.serverInfo = new SerializedString(serverInfo.toString());
        this.codec = codec;
        this.call = completion(serverInfo, null);
        this.list = completion(serverInfo,
                new CompleteResultGenerator.Caching(caching.listTtl().toMillis(), caching.listScope()));
        this.read = completion(serverInfo,
                new CompleteResultGenerator.Caching(caching.readTtl().toMillis(), caching.readScope()));
        // the result of a retry depends on its answers, which are not part of any cache key: never reuse it
        this.retriedRead = completion(serverInfo, new CompleteResultGenerator.Caching(0, "private"));
    }

    /** The complete result of {@code request}, as a modern client gets it, written out now. */
    JsonNode complete(JsonRpcMessage.Request request, @Nullable Object result) {
        Completion completion = completionOf(request);
        if (isObjectWithoutMeta(result)) { // the usual result: what completes it goes after its own members
            return codec.serializedWith(result, completion.members());
        }
        return codec.serialized(result,
                generator -> new CompleteResultGenerator(generator, serverInfo, completion.caching()));
    }

    private Completion completionOf(JsonRpcMessage.Request request) {
        return switch (request.method()) {
            case McpMethods.SERVER_DISCOVER, McpMethods.TOOLS_LIST, McpMethods.PROMPTS_LIST,
                    McpMethods.RESOURCES_LIST, McpMethods.RESOURCES_TEMPLATES_LIST -> list;
            case McpMethods.RESOURCES_READ -> request.params() != null
                    && (request.params().has("inputResponses") || request.params().has("requestState"))
                            ? retriedRead : read;
            default -> call;
        };
    }

    /**
     * Whether {@code result} is written as a JSON object without a {@code _meta} of its own: the results of the
     * server's features, unless a handler gave one a {@code _meta} (which the server's identity must join).
     */
    private static boolean isObjectWithoutMeta(@Nullable Object result) {
        if (result instanceof CallToolResult call) {
            return call.meta() == null;
        }
        if (result instanceof GetPromptResult prompt) {
            return prompt.meta() == null;
        }
        if (result instanceof ReadResourceResult read) {
            return read.meta() == null;
        }
        if (result instanceof CompleteResult completion) {
            return completion.meta() == null;
        }
        return result instanceof ListToolsResult || result instanceof ListPromptsResult
                || result instanceof ListResourcesResult || result instanceof ListResourceTemplatesResult;
    }

    /**
     * What completes a result of one kind of request: its caching hints ({@code null} for none) and, for a result
     * without a {@code _meta}, the members that follow its own, written out once (as {@link CompleteResultGenerator}
     * writes them).
     */
    private record Completion(CompleteResultGenerator.@Nullable Caching caching, byte[] members) {
    }

    private Completion completion(JsonNode serverInfo, CompleteResultGenerator.@Nullable Caching caching) {
        ObjectNode members = codec.mapper().createObjectNode();
        members.putObject("_meta").set(ModernRequest.SERVER_INFO, serverInfo);
        members.put("resultType", "complete");
        if (caching != null) {
            members.put("ttlMs", caching.ttlMs());
            members.put("cacheScope", caching.scope());
        }
        byte[] object = codec.write(members);
        return new Completion(caching, Arrays.copyOfRange(object, 1, object.length - 1)); // without the braces
    }

    /**
     * The handle of a task that a call became ({@code CreateTaskResult} of the tasks extension): the task itself,
     * with {@code resultType: "task"} and the server's identity.
     */
    JsonNode task(ObjectNode task) {
        task.put("resultType", "task");
        return identified(task);
    }

    /** An {@code InputRequiredResult}, with the server's identity, which every result carries. */
    JsonNode inputRequired(ObjectNode result) {
        return identified(result);
    }

    private JsonNode identified(ObjectNode result) {
        result.putObject("_meta").putRawValue(ModernRequest.SERVER_INFO, new RawValue(serverInfo));
        return result;
    }

    /** An error as a modern client gets it. */
    JsonRpcError error(JsonRpcError error) {
        return error.code() == ErrorCodes.RESOURCE_NOT_FOUND
                ? new JsonRpcError(ErrorCodes.INVALID_PARAMS, error.message(), error.data()) : error;
    }
}
