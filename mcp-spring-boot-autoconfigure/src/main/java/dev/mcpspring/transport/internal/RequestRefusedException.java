package dev.mcpspring.transport.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcError;

/**
 * The transport refuses a request before any handler runs: answered with an HTTP error status and a JSON-RPC
 * error body (id null), plus any headers the refusal needs ({@code Allow}, {@code Retry-After}).
 */
final class RequestRefusedException extends RuntimeException {

    private final int status;

    private final int code;

    private final Map<String, String> headers = new LinkedHashMap<>();

    private Object data;

    RequestRefusedException(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A refusal with JSON-RPC code {@link ErrorCodes#INVALID_REQUEST}. */
    RequestRefusedException(int status, String message) {
        this(status, ErrorCodes.INVALID_REQUEST, message);
    }

    RequestRefusedException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Sets the {@code data} member of the JSON-RPC error (what exactly was refused). */
    RequestRefusedException data(Object data) {
        this.data = data;
        return this;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    JsonRpcError error() {
        return new JsonRpcError(code, getMessage(), data);
    }
}
