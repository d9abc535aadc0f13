package dev.mcpspring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The {@code error} member of a JSON-RPC error response.
 *
 * @param code    one of {@link ErrorCodes} or an application code
 * @param message a short description a person can act on
 * @param data    optional extra detail (for example the unknown resource URI)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonRpcError(int code, String message, @Nullable Object data) {

    public JsonRpcError(int code, String message) {
        this(code, message, null);
    }
}
