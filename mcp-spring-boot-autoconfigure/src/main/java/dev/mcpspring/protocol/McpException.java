package dev.mcpspring.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A protocol error: the request is answered with a JSON-RPC error carrying this exception's code, message and
 * data. Throw it from a handler for errors the client caused (bad params, unknown names); a tool's own
 * failures belong in a tool result with {@code isError: true} instead.
 */
public class McpException extends RuntimeException {

    private final int code;

    private final transient @Nullable Object data;

    public McpException(int code, String message) {
        this(code, message, null);
    }

    public McpException(int code, String message, @Nullable Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    /** -32602: the params are wrong; the message says how. */
    public static McpException invalidParams(String message) {
        return new McpException(ErrorCodes.INVALID_PARAMS, message);
    }

    /** -32600: the message is not a valid request here. */
    public static McpException invalidRequest(String message) {
        return new McpException(ErrorCodes.INVALID_REQUEST, message);
    }

    /** -32601: no such method. */
    public static McpException methodNotFound(String method) {
        return new McpException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + method);
    }

    public int code() {
        return code;
    }

    public @Nullable Object data() {
        return data;
    }

    /** This exception as the {@code error} member of a response. */
    public JsonRpcError toError() {
        return new JsonRpcError(code, getMessage(), data);
    }
}
