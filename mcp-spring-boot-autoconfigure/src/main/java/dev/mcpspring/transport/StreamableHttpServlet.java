package dev.mcpspring.transport;

import jakarta.servlet.http.HttpServlet;

/**
 * The MCP endpoint over Streamable HTTP: the servlet the auto-configuration registers at
 * {@code mcp.server.endpoint} as the bean {@code mcpStreamableHttpServlet}. Name this type to find that bean (in a
 * condition, a test, or a {@code ServletRegistrationBean} of your own); what it does is configured with the
 * {@code mcp.server.*} properties, and its implementation is internal. The constants are the protocol's HTTP
 * names and codes, for clients and tests.
 */
public abstract class StreamableHttpServlet extends HttpServlet {

    /** The session header. Header names are case-insensitive; 2025-11-25 spells it {@code MCP-Session-Id}. */
    public static final String SESSION_HEADER = "Mcp-Session-Id";

    /** The protocol version header, required after {@code initialize} from 2025-06-18 on. */
    public static final String VERSION_HEADER = "MCP-Protocol-Version";

    /** JSON-RPC error code for an unknown or expired session (implementation-defined server error range). */
    public static final int SESSION_NOT_FOUND = -32001;

    /** The header a client resumes an SSE stream with. */
    public static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";

    /** For the implementation only: the auto-configuration creates the servlet. */
    protected StreamableHttpServlet() {
    }
}
