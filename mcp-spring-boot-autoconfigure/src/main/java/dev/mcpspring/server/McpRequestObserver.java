package dev.mcpspring.server;

import dev.mcpspring.protocol.JsonRpcError;

/**
 * Observes the messages the server exchanges with its clients, in either protocol era: every request and every
 * notification received, and every request the server sends to a client (sampling, elicitation, roots, ping). The
 * place for an observation, a span or a log context. The starter's Micrometer implementation (when an
 * {@code ObservationRegistry} bean exists) records them after the OpenTelemetry semantic conventions for MCP and
 * continues the client's trace from the W3C {@code traceparent} / {@code tracestate} / {@code baggage} of a
 * message's {@code _meta}.
 * <p>
 * The engine calls it for every message, so an implementation that observes nothing should return
 * {@link Scope#NONE} at once.
 */
@FunctionalInterface
public interface McpRequestObserver {

    /** Observes nothing. */
    McpRequestObserver NONE = request -> Scope.NONE;

    /**
     * A request was received: called on the thread that handles it, before anything else is done for it (so a
     * request refused for an unknown method or a session not initialized is observed too); the scope is closed on
     * the same thread once its response is known, and everything the handler does happens in between, on that
     * thread: a scope made current there is current in the handler.
     */
    Scope start(McpRequestContext request);

    /**
     * A notification was received from a client ({@code notifications/initialized}, {@code notifications/cancelled},
     * {@code notifications/roots/list_changed}, ...): called on the thread that handles it; the scope is closed on
     * the same thread once it is handled.
     */
    default Scope startNotification(McpMessageContext notification) {
        return Scope.NONE;
    }

    /**
     * The server is about to send a request to a client: called on the thread that sends it (a handler's, when a
     * tool asks the client), before it is sent, so an observer may add the trace context to the {@code _meta} of
     * its {@linkplain McpMessageContext#params() params}. The scope is closed when the client's answer arrives or
     * the wait for it ends, on whichever thread that happens: it must not make anything current on the sending
     * thread.
     */
    default Scope startClientRequest(McpMessageContext request) {
        return Scope.NONE;
    }

    /** The observation of one message, from its start until {@link #close()}. */
    interface Scope extends AutoCloseable {

        /** A scope with nothing to do. */
        Scope NONE = () -> { };

        /**
         * Something failed with {@code failure}: a handler threw, the request was cancelled, the wait for a
         * client's answer ended without one. Followed by {@link #errorResponse} when the request is answered with a
         * JSON-RPC error nonetheless.
         */
        default void error(Throwable failure) {
        }

        /** The request is answered with this JSON-RPC error (by the server, or by the client for its requests). */
        default void errorResponse(JsonRpcError error) {
        }

        /** The {@code tools/call} result has {@code isError: true}: the tool failed although the call succeeded. */
        default void toolError() {
        }

        @Override
        void close();
    }
}
