package dev.mcpspring.protocol;

/** JSON-RPC and MCP error codes. */
public final class ErrorCodes {

    /** The body is not valid JSON. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON is not a valid JSON-RPC message. */
    public static final int INVALID_REQUEST = -32600;
    /** The method does not exist or is not available. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Invalid method parameters, for example an unknown tool or a bad cursor. */
    public static final int INVALID_PARAMS = -32602;
    /** An internal error of the server. */
    public static final int INTERNAL_ERROR = -32603;
    /**
     * The request was cancelled by the server side, for example because its session closed while it ran (the
     * code LSP uses; a request the client itself cancelled gets no response at all).
     */
    public static final int REQUEST_CANCELLED = -32800;
    /** MCP: the requested resource does not exist. */
    public static final int RESOURCE_NOT_FOUND = -32002;
    /**
     * This server: the caller's access token lacks an OAuth scope the request needs, for example a scope a tool
     * declares with {@code @McpTool(scopes = ...)} (implementation-defined server error range; the HTTP answer to
     * the same refusal is 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope"}).
     */
    public static final int INSUFFICIENT_SCOPE = -32003;
    /** MCP 2025-11-25: the request needs a URL-mode elicitation first. */
    public static final int URL_ELICITATION_REQUIRED = -32042;
    /**
     * MCP 2026-07-28 ({@code HeaderMismatch}): a required HTTP header ({@code MCP-Protocol-Version},
     * {@code Mcp-Method}, {@code Mcp-Name}, {@code Mcp-Param-*}) is missing, malformed or differs from the body.
     */
    public static final int HEADER_MISMATCH = -32020;
    /** MCP 2026-07-28: the request needs a client capability the client did not declare in its {@code _meta}. */
    public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
    /** MCP 2026-07-28: the request names a protocol version this server does not speak. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private ErrorCodes() {
    }
}
