/**
 * The Model Context Protocol as Java types, what handlers receive and return: the MCP schema as records (tools
 * and {@link CallToolResult}, {@link Content}, resources, prompts, sampling, elicitation, roots, logging,
 * capabilities), the JSON-RPC envelope ({@link JsonRpcMessage}, {@link JsonRpcError}), {@link McpException} with
 * its {@link ErrorCodes}, the revisions ({@link ProtocolVersion}) and method names ({@link McpMethods}), and the
 * JSON codec ({@link JsonRpcCodec} on a mapper from {@link McpJsonMapper}).
 */
@NullMarked
package dev.mcpspring.protocol;

import org.jspecify.annotations.NullMarked;
