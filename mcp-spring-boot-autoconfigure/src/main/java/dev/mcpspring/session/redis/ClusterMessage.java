package dev.mcpspring.session.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What one instance tells another over Redis pub/sub, as JSON. Which members are set depends on the
 * {@link Type}.
 *
 * @param type       what to do
 * @param from       the sending instance
 * @param session    the session concerned
 * @param stream     the SSE stream concerned
 * @param connection a client connection held by one instance for a stream owned by another
 * @param request    a request id token ({@link dev.mcpspring.session.internal.PendingRequestKey#token()})
 * @param eventId    an SSE event id
 * @param sequence   the client's last event of a stream, for a resumption
 * @param message    a JSON-RPC message
 * @param text       a reason (cancellation) or an error (refused attachment)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClusterMessage(Type type, String from, @Nullable String session, @Nullable String stream,
        @Nullable String connection, @Nullable String request, @Nullable String eventId, @Nullable Long sequence,
        @Nullable JsonNode message, @Nullable String text) {

    /** The kinds of cluster messages. */
    enum Type {

        /** To a standalone stream's owner: send {@code message} on it. */
        SEND,

        /**
         * To every instance: send {@code message} on every standalone stream it owns, and to its clients without
         * session ({@code list_changed}).
         */
        SEND_ALL,

        /** To every instance: {@code message} was sent to a resource's subscribers; for its clients without session. */
        SUBSCRIBERS,

        /** To a stream's owner: attach the client {@code connection} held by {@code from}, or resume after {@code sequence}. */
        ATTACH,

        /** Back to the holder of {@code connection}: attached, or refused with the error {@code text}. */
        ATTACHED,

        /** To a connection's holder: write {@code message} as event {@code eventId} (or a priming event without message). */
        EVENT,

        /** To a connection's holder: close it, the stream is over there. */
        CLOSE,

        /** To a stream's owner: the client closed {@code connection}. */
        DETACH,

        /** To the instance waiting for it: the client's answer {@code message} to a request it sent. */
        RESPONSE,

        /** To the instance handling client request {@code request}: the client cancelled it. */
        CANCEL,

        /** To every instance: the session was closed. */
        CLOSED,

        /** To every instance: the session's state changed (initialize, log level); reload it. */
        CHANGED
    }

    static ClusterMessage of(Type type, String from, String session) {
        return new ClusterMessage(type, from, session, null, null, null, null, null, null, null);
    }
}
