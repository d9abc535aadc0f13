package dev.mcpspring.server;

/**
 * Surrounds the handling of every request, in either protocol era, on the thread that runs its handler: the place
 * for an observation, a span or a log context that covers the handler and everything it calls. The starter's
 * Micrometer observer (when an {@code ObservationRegistry} bean exists) continues the client's trace from the
 * W3C {@code traceparent} / {@code tracestate} / {@code baggage} of the request's {@code _meta}.
 */
@FunctionalInterface
public interface McpRequestObserver {

    /** Observes nothing. */
    McpRequestObserver NONE = request -> Scope.NONE;

    /**
     * Called before the handler of {@code request} runs; the scope it returns is closed once the handler is done
     * (on the same thread).
     */
    Scope start(McpRequestContext request);

    /** The handling of one request, from {@link #start} until {@link #close()}. */
    interface Scope extends AutoCloseable {

        /** A scope with nothing to do. */
        Scope NONE = () -> { };

        /** The request failed: its handler threw, or it is answered with a JSON-RPC error. */
        default void error(Throwable failure) {
        }

        @Override
        void close();
    }
}
