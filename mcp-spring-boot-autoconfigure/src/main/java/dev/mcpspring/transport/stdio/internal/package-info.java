/**
 * Internal: not part of the public API; may change in any release without notice.
 * <p>
 * The stdio transport ({@link DefaultStdioTransport}): newline-delimited JSON-RPC read with a bounded line buffer,
 * one writer for every message to the client, the legacy session of the process and the in-flight requests of
 * modern clients, whose cancellation arrives as {@code notifications/cancelled}.
 */
@NullMarked
package dev.mcpspring.transport.stdio.internal;

import org.jspecify.annotations.NullMarked;
