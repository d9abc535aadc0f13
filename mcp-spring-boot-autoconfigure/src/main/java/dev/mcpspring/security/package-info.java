/**
 * OAuth 2.0 authorization of the MCP endpoint (MCP 2025-11-25 "Authorization"): the Protected Resource Metadata
 * document (RFC 9728), the bearer challenges of 401 and 403 answers, the audience check of access tokens, the
 * scopes of a caller as Spring Security knows them, and the check of a tool's required scopes before the request
 * reaches the transport. The servlet and Spring Security integration lives here, outside the protocol core.
 */
package dev.mcpspring.security;
