/**
 * The Streamable HTTP transport as applications see it: {@link StreamableHttpServlet}, the type of the MCP
 * endpoint's bean, with the protocol's HTTP header names. The servlet is configured with {@code mcp.server.*}
 * properties; its implementation is internal.
 */
@NullMarked
package dev.mcpspring.transport;

import org.jspecify.annotations.NullMarked;
