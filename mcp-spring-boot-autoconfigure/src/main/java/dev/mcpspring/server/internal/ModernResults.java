package dev.mcpspring.server.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpMethods;
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

    /** The methods whose results carry caching hints besides {@code resources/read}. */
    private static final List<String> LIST_METHODS = List.of(McpMethods.SERVER_DISCOVER, McpMethods.TOOLS_LIST,
            McpMethods.PROMPTS_LIST, McpMethods.RESOURCES_LIST, McpMethods.RESOURCES_TEMPLATES_LIST);

    /**
     * The server's identity, written out once: it is the same in every result (a profile showed its writing). As a
     * serialized string it also keeps its UTF-8 bytes, which every result copies.
     */
    private final SerializableString serverInfo;

    private final ModernSettings.CachingHints caching;

    private final JsonRpcCodec codec;

    ModernResults(JsonNode serverInfo, ModernSettings.CachingHints caching, JsonRpcCodec codec) {
        this.serverInfo = new SerializedString(serverInfo.toString());
        this.caching = caching;
        this.codec = codec;
    }

    /** The complete result of {@code request}, as a modern client gets it, written out now. */
    JsonNode complete(JsonRpcMessage.Request request, @Nullable Object result) {
        CompleteResultGenerator.Caching hints = cachingOf(request);
        return codec.serialized(result, generator -> new CompleteResultGenerator(generator, serverInfo, hints));
    }

    private CompleteResultGenerator.@Nullable Caching cachingOf(JsonRpcMessage.Request request) {
        if (LIST_METHODS.contains(request.method())) {
            return new CompleteResultGenerator.Caching(caching.listTtl().toMillis(), caching.listScope());
        }
        if (McpMethods.RESOURCES_READ.equals(request.method())) {
            // the result of a retry depends on its answers, which are not part of any cache key: never reuse it
            boolean retry = request.params() != null
                    && (request.params().has("inputResponses") || request.params().has("requestState"));
            return retry ? new CompleteResultGenerator.Caching(0, "private")
                    : new CompleteResultGenerator.Caching(caching.readTtl().toMillis(), caching.readScope());
        }
        return null;
    }

    /**
     * The handle of a task that a call became ({@code CreateTaskResult} of the tasks extension): the task itself,
     * with {@code resultType: "task"} and the server's identity.
     */
    JsonNode task(ObjectNode task) {
        task.put("resultType", "task");
        task.putObject("_meta").putRawValue(ModernRequest.SERVER_INFO, new RawValue(serverInfo));
        return task;
    }

    /** An error as a modern client gets it. */
    JsonRpcError error(JsonRpcError error) {
        return error.code() == ErrorCodes.RESOURCE_NOT_FOUND
                ? new JsonRpcError(ErrorCodes.INVALID_PARAMS, error.message(), error.data()) : error;
    }
}
