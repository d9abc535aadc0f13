package dev.mcpspring.server.internal;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.server.McpRequestContext;

/**
 * Records what a handler threw as the error of its request's observation, before the failure becomes a tool
 * result with {@code isError: true} or a JSON-RPC error, which would otherwise be all the observation sees: the
 * span then carries the application's exception, and the timer its class.
 */
public final class HandlerObservation {

    private HandlerObservation() {
    }

    /** Records {@code failure} for the request of {@code context}, when it is one this server observes. */
    public static void failed(@Nullable McpRequestContext context, Throwable failure) {
        if (context instanceof RequestContext request) {
            request.scope().error(failure);
        }
    }
}
