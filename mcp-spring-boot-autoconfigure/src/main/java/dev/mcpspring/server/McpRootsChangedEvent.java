package dev.mcpspring.server;

import org.jspecify.annotations.Nullable;

/**
 * A client of a session told the server that its roots changed ({@code notifications/roots/list_changed}, which a
 * client that declared {@code roots.listChanged} sends). The starter publishes it as a Spring application event on
 * the instance that received the notification, so that an application holding what it derived from a session's
 * roots can drop it:
 *
 * <pre>{@code
 * @EventListener
 * void rootsChanged(McpRootsChangedEvent event) {
 *     indexes.remove(event.sessionId());
 * }
 * }</pre>
 *
 * {@link PeerHandle#listRoots()} asks the client again, so a tool that reads the roots when it runs needs nothing
 * of this. The 2026-07-28 revision has no such notification: its requests carry no session.
 *
 * @param sessionId the session whose client sent it ({@link McpRequestContext#sessionId()} in that session's
 *                  requests)
 * @param principal the name of the session's authenticated principal, or {@code null} when it has none
 */
public record McpRootsChangedEvent(String sessionId, @Nullable String principal) {
}
