/**
 * The server's programming model. What a tool, resource, resource template, prompt or completion is in code: a
 * specification ({@link ToolSpecification}, ...) with its handler and invocation, kept in a registry
 * ({@link ToolRegistry}, ...) that may change while the server runs. What a handler gets: the
 * {@link McpRequestContext} of the request and a {@link PeerHandle} on the client (sampling, elicitation, roots,
 * progress, logging) with its exceptions; {@link McpPeers} gives one for a session outside any request, and
 * {@link ResourceUpdates} notifies subscribers. And the seams to replace with a bean of your own:
 * {@link McpRequestObserver}, {@link GrantedScopes}, {@link ElicitationSchemaGenerator}, {@link ServerIdentity}.
 */
@NullMarked
package dev.mcpspring.server;

import org.jspecify.annotations.NullMarked;
