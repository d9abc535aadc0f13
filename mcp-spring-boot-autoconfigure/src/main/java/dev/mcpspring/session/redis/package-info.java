/**
 * Sessions shared by several instances through Redis ({@code mcp.server.session.store=redis}):
 * {@link RedisSessionManager} and {@link RedisEventStore}, which the auto-configuration creates. Whatever lives in
 * one JVM (a waiting call, a running handler, an open stream) is reached over Redis pub/sub; the package-private
 * types are that machinery.
 */
@NullMarked
package dev.mcpspring.session.redis;

import org.jspecify.annotations.NullMarked;
