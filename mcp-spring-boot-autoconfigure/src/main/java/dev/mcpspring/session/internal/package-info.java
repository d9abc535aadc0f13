/**
 * Internal: not part of the public API; may change in any release without notice.
 * <p>
 * Building blocks of the session managers: the state of a session ({@link SessionState}), resumable SSE streams
 * that keep every event in the {@link dev.mcpspring.session.EventStore} ({@link SessionStream}), session ids and
 * the keys of pending requests.
 */
@NullMarked
package dev.mcpspring.session.internal;

import org.jspecify.annotations.NullMarked;
