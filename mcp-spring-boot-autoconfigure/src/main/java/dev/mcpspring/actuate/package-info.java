/**
 * Spring Boot Actuator support of the MCP server: the {@code mcp} endpoint ({@link McpEndpoint}) listing every tool,
 * resource, resource template, prompt and completion with the bean method behind it, the {@code mcp} health
 * indicator ({@link McpHealthIndicator}) and the {@code mcp} info contributor ({@link McpInfoContributor}).
 */
@NullMarked
package dev.mcpspring.actuate;

import org.jspecify.annotations.NullMarked;
