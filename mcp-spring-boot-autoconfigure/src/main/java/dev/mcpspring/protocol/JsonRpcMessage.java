package dev.mcpspring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC 2.0 message as MCP uses it: a request, a notification, a result response or an error response.
 * <p>
 * Ids are kept as the {@link JsonNode} the peer sent (a string or a number), so they are echoed back exactly.
 * Params and results stay JSON trees until a handler binds them to a typed record.
 */
public sealed interface JsonRpcMessage {

    /** The only JSON-RPC version MCP speaks. */
    String VERSION = "2.0";

    /** {@code "2.0"}: serialised on every message. */
    @JsonProperty(value = "jsonrpc", index = 0)
    default String jsonrpc() {
        return VERSION;
    }

    /** A request: expects exactly one response with the same id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(JsonNode id, String method, @Nullable JsonNode params) implements JsonRpcMessage {
    }

    /** A notification: a method call without id, never answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Notification(String method, @Nullable JsonNode params) implements JsonRpcMessage {
    }

    /** A successful response carrying the {@code result} of the request with the same id. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Response(JsonNode id, JsonNode result) implements JsonRpcMessage {
    }

    /** An error response; {@code id} is JSON null when the request's id could not be read. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ErrorResponse(JsonNode id, JsonRpcError error) implements JsonRpcMessage {
    }
}
