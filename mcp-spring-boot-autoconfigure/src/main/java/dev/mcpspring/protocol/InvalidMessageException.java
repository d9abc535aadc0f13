package dev.mcpspring.protocol;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A body that is not JSON ({@link ErrorCodes#PARSE_ERROR}) or not a valid JSON-RPC message
 * ({@link ErrorCodes#INVALID_REQUEST}). Carries the message's id when it could be read, else JSON null.
 */
public class InvalidMessageException extends McpException {

    private final transient JsonNode id;

    public InvalidMessageException(int code, String message, @Nullable JsonNode id) {
        super(code, message);
        this.id = id == null ? NullNode.getInstance() : id;
    }

    /** The id to answer with: the message's own when readable, else JSON null. */
    public JsonNode id() {
        return id;
    }
}
