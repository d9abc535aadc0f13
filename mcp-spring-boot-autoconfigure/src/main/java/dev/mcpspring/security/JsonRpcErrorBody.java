package dev.mcpspring.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;

/** Writes the JSON-RPC error body of a refusal by the endpoint's security chain (401, 400 or 403). */
final class JsonRpcErrorBody {

    private JsonRpcErrorBody() {
    }

    static void write(HttpServletResponse response, JsonRpcCodec codec, int status, JsonRpcMessage.ErrorResponse body)
            throws IOException {
        byte[] json = codec.write(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
