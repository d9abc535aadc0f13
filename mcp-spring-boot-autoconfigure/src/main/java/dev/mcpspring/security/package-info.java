/**
 * OAuth 2.0 authorization of the MCP endpoint (MCP 2025-11-25 "Authorization"): the Protected Resource Metadata
 * document (RFC 9728), the bearer challenges of 401 and 403 answers, the audience check of access tokens, the
 * scopes of a caller as Spring Security knows them, and the check of a tool's required scopes before the request
 * reaches the transport. The servlet and Spring Security integration lives here, outside the protocol core.
 * <p>
 * The starter applies it when Spring Security's resource server support is on the class path and
 * {@code mcp.server.authorization.resource} is set. An application that declares its own
 * {@code SecurityFilterChain} gives its MCP chain the same behaviour with {@link McpEndpointSecurity}, and reads a
 * caller's scopes another way with a {@link dev.mcpspring.server.GrantedScopes} bean.
 */
@NullMarked
package dev.mcpspring.security;

import org.jspecify.annotations.NullMarked;
