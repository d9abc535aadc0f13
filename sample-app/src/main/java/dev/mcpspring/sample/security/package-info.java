/**
 * Tools that need OAuth scopes ({@code @McpTool(scopes = ...)}) and the {@code secured} profile that makes the
 * server an OAuth 2.0 resource server, with demo tokens for trying it.
 */
@NullMarked
package dev.mcpspring.sample.security;

import org.jspecify.annotations.NullMarked;
