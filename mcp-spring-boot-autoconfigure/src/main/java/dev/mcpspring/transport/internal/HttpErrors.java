package dev.mcpspring.transport.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Writes an HTTP error status with a JSON-RPC error body, the answer to every request the transport refuses; the
 * id is JSON null when the request's id is unknown.
 */
final class HttpErrors {

    private HttpErrors() {
    }

    static void write(HttpServletResponse response, JsonRpcCodec codec, int status, JsonNode id, JsonRpcError error)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = codec.write(new JsonRpcMessage.ErrorResponse(id == null ? NullNode.getInstance() : id, error));
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Writes an HTTP error status with the error responses of a batch's members as its body. */
    static void writeAll(HttpServletResponse response, JsonRpcCodec codec, int status,
            List<JsonRpcMessage.ErrorResponse> errors) throws IOException {
        byte[] body = codec.write(errors);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
