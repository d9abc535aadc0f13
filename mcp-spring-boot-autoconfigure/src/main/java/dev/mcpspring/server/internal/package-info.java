/**
 * Internal: not part of the public API; may change in any release without notice.
 * <p>
 * The protocol engine: {@link McpServer} dispatches each request to its feature (tools, resources, prompts,
 * completions), enforces the lifecycle and turns every outcome into one response; the handles on the client
 * ({@link DefaultPeerHandle}, {@link ClientRequestSender}); the stateless 2026-07-28 revision
 * ({@link ModernRequest}, multi round-trip requests with {@link InputRounds} and {@link RequestStateSealer},
 * {@code subscriptions/listen} streams); pagination, and the rules of tool names and scopes.
 */
@NullMarked
package dev.mcpspring.server.internal;

import org.jspecify.annotations.NullMarked;
