package dev.mcpspring.server;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ElicitationResult;

/**
 * The answer to a typed elicitation: what the user did, and on accept the answer bound to the requested type.
 *
 * @param action  accept, decline or cancel
 * @param content the answer on accept, else {@code null}
 */
public record TypedElicitationResult<T>(ElicitationResult.Action action, @Nullable T content) {

    /** Whether the user accepted and answered. */
    public boolean isAccepted() {
        return action == ElicitationResult.Action.ACCEPT && content != null;
    }
}
