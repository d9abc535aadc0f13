/**
 * The stdio transport as applications see it: {@link StdioTransport}, the type of its bean, and
 * {@link StdioStreams}, the byte streams it speaks over (the process's standard input and output unless an
 * application supplies others). Switched on with {@code mcp.server.transport.type=stdio}; its implementation is
 * internal.
 */
@NullMarked
package dev.mcpspring.transport.stdio;

import org.jspecify.annotations.NullMarked;
