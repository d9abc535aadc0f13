/**
 * Spring Boot auto-configuration of the MCP server: the {@code @AutoConfiguration} classes, their properties
 * ({@link McpServerProperties}, {@code mcp.server.*}), the decoration of handler tasks
 * ({@link McpTaskDecorator @McpTaskDecorator} and the decorators the starter provides) and the graceful shutdown.
 * Every bean backs off when the application declares its own of the same type.
 */
@NullMarked
package dev.mcpspring.autoconfigure;

import org.jspecify.annotations.NullMarked;
