package dev.mcpspring.session.redis;

/**
 * The names of everything the Redis session manager keeps in Redis, all under one prefix. Per session:
 * <ul>
 * <li>{@code <p>s:<id>}: a hash of the session's state, expiring with the session's idle time-out;</li>
 * <li>{@code <p>s:<id>:in:<request>}: the instance handling a client request (refused ids, cancellation);</li>
 * <li>{@code <p>s:<id>:call:<request>}: the instance waiting for the client's answer to a request it sent;</li>
 * <li>{@code <p>s:<id>:get}: the instance that owns the session's standalone (GET) stream;</li>
 * <li>{@code <p>s:<id>:subs}: the resource URIs the session subscribed to (without expiry: it outlives the
 * session's hash until the session's close or the sweep of its expiry takes the session out of the sets of those
 * URIs, then it goes), and {@code <p>sub:<uri>} the sessions of a URI;</li>
 * <li>{@code <p>s:<id>:ev:<stream>}: a Redis stream of the SSE events of one stream, {@code <p>s:<id>:evs} the
 * session's streams by age, {@code <p>s:<id>:ended} those that have ended, {@code <p>s:<id>:reqs} the ids of the
 * requests each request stream answers.</li>
 * </ul>
 * Besides: {@code <p>sessions}, a sorted set of every live session by expiry time (the cluster-wide count);
 * {@code <p>starts}, a hash of each session's creation time (field {@code <id>}) and revision
 * ({@code <id>|v}), kept until its end is reported (the duration of a session that expired); and
 * {@code <p>node:<id>}, which exists while that instance is alive. Each instance listens on the channel
 * {@code <p>to:<id>}; {@code <p>all} reaches all of them.
 */
record RedisKeys(String prefix) {

    String session(String sessionId) {
        return prefix + "s:" + sessionId;
    }

    String sessions() {
        return prefix + "sessions";
    }

    String starts() {
        return prefix + "starts";
    }

    String inFlight(String sessionId, String requestToken) {
        return session(sessionId) + ":in:" + requestToken;
    }

    String call(String sessionId, String requestToken) {
        return session(sessionId) + ":call:" + requestToken;
    }

    String standaloneOwner(String sessionId) {
        return session(sessionId) + ":get";
    }

    String subscriptions(String sessionId) {
        return session(sessionId) + ":subs";
    }

    String subscribersPrefix() {
        return prefix + "sub:";
    }

    String subscribers(String uri) {
        return subscribersPrefix() + uri;
    }

    String eventsPrefix(String sessionId) {
        return session(sessionId) + ":ev:";
    }

    String events(String sessionId, String streamId) {
        return eventsPrefix(sessionId) + streamId;
    }

    String eventStreams(String sessionId) {
        return session(sessionId) + ":evs";
    }

    String streamRequests(String sessionId) {
        return session(sessionId) + ":reqs";
    }

    String endedStreams(String sessionId) {
        return session(sessionId) + ":ended";
    }

    String node(String nodeId) {
        return prefix + "node:" + nodeId;
    }

    String channelPrefix() {
        return prefix + "to:";
    }

    String channel(String nodeId) {
        return channelPrefix() + nodeId;
    }

    String broadcastChannel() {
        return prefix + "all";
    }
}
