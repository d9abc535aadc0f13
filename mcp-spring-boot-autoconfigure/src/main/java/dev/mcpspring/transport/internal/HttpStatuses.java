package dev.mcpspring.transport.internal;

import jakarta.servlet.http.HttpServletResponse;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcMessage;

/** The HTTP status of a modern (2026-07-28) client's JSON answer, which the revision ties to some error codes. */
final class HttpStatuses {

    private HttpStatuses() {
    }

    /**
     * 404 for an unknown method (so that a client tells it from a server without an MCP endpoint by the body),
     * 400 for the errors of a request the client must correct (version, capabilities, headers), else 200.
     */
    static int ofModernError(JsonRpcMessage answer) {
        if (!(answer instanceof JsonRpcMessage.ErrorResponse error)) {
            return HttpServletResponse.SC_OK;
        }
        return switch (error.error().code()) {
            case ErrorCodes.METHOD_NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case ErrorCodes.HEADER_MISMATCH, ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
                    ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION -> HttpServletResponse.SC_BAD_REQUEST;
            default -> HttpServletResponse.SC_OK;
        };
    }
}
