/**
 * Sessions and the seam where they live: the {@link SessionManager} contract (with {@link McpSession},
 * {@link MessageSink} and the exceptions it throws), the {@link EventStore} that lets a client resume an SSE
 * stream, and the in-memory implementations the starter uses by default ({@link InMemorySessionManager},
 * {@link InMemoryEventStore}). Declare a bean of either seam to keep sessions elsewhere;
 * {@link dev.mcpspring.session.redis} is one such implementation.
 */
@NullMarked
package dev.mcpspring.session;

import org.jspecify.annotations.NullMarked;
