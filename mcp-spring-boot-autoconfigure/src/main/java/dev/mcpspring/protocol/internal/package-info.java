/**
 * Internal: not part of the public API; may change in any release without notice.
 * <p>
 * Protocol helpers only the engine uses: the set of revisions a server is configured to speak, the wording of
 * JSON binding failures, and where the JSON mapper's buffers come from.
 */
@NullMarked
package dev.mcpspring.protocol.internal;

import org.jspecify.annotations.NullMarked;
