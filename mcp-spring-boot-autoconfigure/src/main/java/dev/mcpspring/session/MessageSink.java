package dev.mcpspring.session;

import java.util.List;

import dev.mcpspring.protocol.JsonRpcMessage;

/**
 * Somewhere JSON-RPC messages can be written to the client: an SSE stream, one HTTP connection carrying it, or a
 * request's response.
 */
public interface MessageSink {

    /**
     * Sends one message.
     *
     * @return {@code false} when the sink is closed and the message was not sent
     */
    boolean send(JsonRpcMessage message);

    /**
     * Sends one message as the SSE event {@code eventId}, so the client can resume the stream after it. A sink that
     * cannot carry event ids sends the message without one.
     *
     * @return {@code false} when the sink is closed and the message was not sent
     */
    default boolean send(String eventId, JsonRpcMessage message) {
        return send(message);
    }

    /**
     * Sends events that are kept elsewhere (a replay after {@code Last-Event-ID}, messages that waited for a
     * connection) as the SSE events {@code <streamId>:<sequence>}; priming events among them are skipped. A sink
     * may write them as the client reads rather than queue them all at once.
     *
     * @return {@code false} when the sink is closed and they were not all sent
     */
    default boolean sendAll(String streamId, List<EventStore.StoredEvent> events) {
        for (EventStore.StoredEvent event : events) {
            if (!event.isPriming() && !send(new EventId(streamId, event.sequence()).toString(), event.message())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes a priming event (SEP-1699): the id {@code eventId}, empty data and the reconnection delay, so the
     * client can resume the stream from its very start.
     *
     * @return {@code false} when the sink cannot (it carries no event ids, or it is closed)
     */
    default boolean prime(String eventId) {
        return false;
    }

    /**
     * Runs {@code callback} when the client goes away before the stream ended (closes the connection): for a
     * modern (2026-07-28) request that is its cancellation. A sink that cannot tell never runs it.
     */
    default void onDisconnect(Runnable callback) {
    }

    /**
     * Sends the response of the request this is the stream of, and ends the stream, while its handler may still be
     * running (the request was cancelled because its session closed or the server shut down): what the handler
     * sends afterwards, its result too, is dropped.
     *
     * @return {@code false} when this stream cannot be answered before its handler ends (nothing was sent)
     */
    default boolean finish(JsonRpcMessage response) {
        send(response);
        close();
        return true;
    }

    /** Whether messages can still be sent. */
    boolean isOpen();

    /** Ends the stream; further messages are refused. */
    void close();

    /**
     * Closes the HTTP connection that carries the stream without ending the stream (SEP-1699 polling): the client
     * reconnects with {@code Last-Event-ID} and receives what is sent from now on, the response included.
     *
     * @return {@code false} when that is not possible (the client could not resume this stream); nothing changed
     */
    default boolean closeConnection() {
        return false;
    }
}
