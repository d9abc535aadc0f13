package dev.mcpspring.protocol;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.NullNode;

/**
 * Reads and writes JSON-RPC messages. A body is parsed once into a tree and then classified; params and results
 * are bound to records only by the handler that needs them.
 */
public final class JsonRpcCodec {

    private final ObjectMapper mapper;

    public JsonRpcCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The mapper used for protocol types. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Parses a body into a JSON tree.
     *
     * @throws InvalidMessageException with {@link ErrorCodes#PARSE_ERROR} when it is not JSON
     */
    public JsonNode readTree(InputStream body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidMessageException(ErrorCodes.PARSE_ERROR, "Parse error: the body is empty", null);
            }
            return node;
        }
        catch (StreamReadException ex) {
            throw new InvalidMessageException(ErrorCodes.PARSE_ERROR,
                    "Parse error: the body is not valid JSON (" + ex.getOriginalMessage() + ")", null);
        }
        catch (JacksonException ex) {
            throw new InvalidMessageException(ErrorCodes.PARSE_ERROR, "Parse error: the body is not valid JSON",
                    null);
        }
    }

    /**
     * Reads one message or a batch: the returned list has one element for a single message.
     *
     * @throws InvalidMessageException for an empty batch or a member that is not a JSON-RPC message
     */
    public List<JsonRpcMessage> readMessages(JsonNode tree) {
        if (!tree.isArray()) {
            return List.of(toMessage(tree));
        }
        if (tree.isEmpty()) {
            throw new InvalidMessageException(ErrorCodes.INVALID_REQUEST, "Invalid Request: empty batch", null);
        }
        List<JsonRpcMessage> messages = new ArrayList<>(tree.size());
        for (JsonNode member : tree) {
            messages.add(toMessage(member));
        }
        return messages;
    }

    /**
     * Classifies one JSON value as request, notification or response.
     *
     * @throws InvalidMessageException with {@link ErrorCodes#INVALID_REQUEST} and what is wrong
     */
    public JsonRpcMessage toMessage(JsonNode node) {
        if (!node.isObject()) {
            throw invalid("a JSON-RPC message must be a JSON object", null);
        }
        JsonNode id = node.get("id");
        JsonNode validId = isValidId(id) ? id : null;
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isString() || !JsonRpcMessage.VERSION.equals(version.asString())) {
            throw invalid("\"jsonrpc\" must be \"2.0\"", validId);
        }
        JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isString() || method.asString().isEmpty()) {
                throw invalid("\"method\" must be a non-empty string", validId);
            }
            JsonNode params = node.get("params");
            if (params != null && !params.isObject()) {
                throw invalid("\"params\" must be an object", validId);
            }
            if (id == null) {
                return new JsonRpcMessage.Notification(method.asString(), params);
            }
            if (validId == null) {
                throw invalid("\"id\" must be a string or an integer", null);
            }
            return new JsonRpcMessage.Request(id, method.asString(), params);
        }
        boolean hasResult = node.has("result");
        JsonNode error = node.get("error");
        if (hasResult == (error != null)) {
            throw invalid("a message needs \"method\", or exactly one of \"result\" and \"error\"", validId);
        }
        if (hasResult) {
            if (validId == null) {
                throw invalid("a response needs a string or integer \"id\"", null);
            }
            return new JsonRpcMessage.Response(id, node.get("result"));
        }
        if (!error.isObject() || !error.path("code").isIntegralNumber() || !error.path("message").isString()) {
            throw invalid("\"error\" must be an object with an integer \"code\" and a string \"message\"", validId);
        }
        JsonRpcError rpcError = new JsonRpcError(error.get("code").asInt(), error.get("message").asString(),
                error.get("data"));
        return new JsonRpcMessage.ErrorResponse(validId == null ? NullNode.getInstance() : id, rpcError);
    }

    /** Binds params (which may be absent) to a record; a mismatch is an invalid-params error. */
    public <T> T bindParams(JsonNode params, Class<T> type) {
        try {
            return mapper.treeToValue(params == null ? mapper.createObjectNode() : params, type);
        }
        catch (JacksonException ex) {
            throw McpException.invalidParams("Invalid params: " + JsonBindingMessages.describe("params", ex, mapper));
        }
    }

    /** Converts a result record to a JSON tree. */
    public JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    /** Serialises a message or batch to UTF-8 JSON. */
    public byte[] write(Object message) {
        return mapper.writeValueAsBytes(message);
    }

    private static boolean isValidId(JsonNode id) {
        return id != null && (id.isString() || id.isIntegralNumber());
    }

    private static InvalidMessageException invalid(String detail, JsonNode id) {
        return new InvalidMessageException(ErrorCodes.INVALID_REQUEST, "Invalid Request: " + detail, id);
    }

    /** Whether a tree is a JSON array (a batch). */
    public static boolean isBatch(JsonNode tree) {
        return tree.getNodeType() == JsonNodeType.ARRAY;
    }
}
