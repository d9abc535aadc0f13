package dev.mcpspring.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.EventId;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionManager.Activity;
import dev.mcpspring.session.SessionStoreUnavailableException;
import dev.mcpspring.session.StreamConflictException;
import dev.mcpspring.session.UnknownEventIdException;
import dev.mcpspring.session.internal.SessionStream;
import tools.jackson.databind.JsonNode;

/**
 * The SSE streams of sessions kept in Redis. Each stream lives on one instance, its owner: a request's response
 * stream on the instance handling the request (its id names it: {@code r<n>.<instance>}), a session's standalone
 * stream on the instance that claimed it in Redis ({@code <p>s:<id>:get}) and keeps it while alive. A client
 * connection that reaches another instance is attached to the stream there over the {@link ClusterBus}: the owner
 * writes to a {@link RemoteConnection}, which forwards every event to the holder of the connection. Every event is
 * kept in the {@link RedisEventStore}, so a stream whose owner is gone can be replayed, or carried on, by any
 * instance.
 */
final class ClusterStreams {

    /** The stream id of a session's standalone (GET) stream. */
    static final String STANDALONE_STREAM_ID = "get";

    /** How long an instance waits for another to take a connection of a stream it owns. */
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(3);

    /** The sessions as this instance holds them. */
    interface Sessions {

        /** The session, loaded when not cached; {@code null} when it is gone. */
        @Nullable LocalSession find(String sessionId);

        /** The session if cached here, else {@code null}. */
        @Nullable LocalSession cached(String sessionId);

        /** Every session cached here. */
        Collection<LocalSession> all();

        /** The session was found gone: end what this instance holds of it. */
        void gone(String sessionId);
    }

    private final StringRedisTemplate redis;

    private final RedisKeys keys;

    private final JsonRpcCodec codec;

    private final RedisEventStore events;

    private final ClusterBus bus;

    private final Sessions sessions;

    private final String nodeId;

    private final long nodeTtlMillis;

    private final int maxQueuedMessages;

    /** On this instance, the connections it holds for streams another instance owns, by connection id. */
    private final Map<String, HeldConnection> held = new ConcurrentHashMap<>();

    /** On a stream's owner, the connections other instances hold for it, by connection id. */
    private final Map<String, RemoteConnection> remotes = new ConcurrentHashMap<>();

    private final AtomicLong counter = new AtomicLong();

    ClusterStreams(StringRedisTemplate redis, RedisKeys keys, JsonRpcCodec codec, RedisEventStore events,
            ClusterBus bus, Sessions sessions, String nodeId, long nodeTtlMillis, int maxQueuedMessages) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
        this.events = events;
        this.bus = bus;
        this.sessions = sessions;
        this.nodeId = nodeId;
        this.nodeTtlMillis = nodeTtlMillis;
        this.maxQueuedMessages = maxQueuedMessages;
    }

    /** Opens the response stream of requests handled here; its id names this instance, {@code r<n>.<instance>}. */
    MessageSink openRequestStream(LocalSession local, MessageSink connection, List<JsonNode> requestIds) {
        // the stream id names this instance, so a client resuming it elsewhere is sent here
        SessionStream stream = new SessionStream(local.session(), "r" + counter.incrementAndGet() + "." + nodeId,
                events, 0);
        if (!requestIds.isEmpty()) { // so another instance can answer them if this one goes away
            events.recordRequests(local.id(), stream.streamId(),
                    codec.mapper().writeValueAsString(codec.mapper().valueToTree(requestIds)));
        }
        local.addRequestStream(stream);
        stream.attach(connection);
        return stream;
    }

    /** Attaches the client's connection to the session's standalone stream, wherever it is owned. */
    Activity openStandalone(LocalSession local, MessageSink connection) {
        String owner = standaloneOwner(local.id(), null);
        if (!owner.equals(nodeId)) {
            return attachElsewhere(local, STANDALONE_STREAM_ID, owner, null, null, connection);
        }
        return attachStandalone(local, connection);
    }

    private Activity attachStandalone(LocalSession local, MessageSink connection) {
        SessionStream standalone = ownedStandalone(local);
        Activity activity;
        synchronized (standalone) {
            if (standalone.hasOpenConnection()) {
                throw new StreamConflictException(local.id());
            }
            activity = local.begin();
            standalone.attach(connection);
        }
        return () -> {
            standalone.detach(connection);
            activity.close();
        };
    }

    /** Resumes the stream of {@code lastEventId} on the client's new connection, wherever the stream is. */
    Activity resume(LocalSession local, String lastEventId, MessageSink connection) {
        EventId eventId = EventId.parse(lastEventId).orElseThrow(() -> new UnknownEventIdException(lastEventId));
        String streamId = eventId.streamId();
        String owner = STANDALONE_STREAM_ID.equals(streamId) ? standaloneOwner(local.id(), null)
                : ownerOfRequestStream(streamId);
        if (owner == null) {
            throw new UnknownEventIdException(lastEventId);
        }
        if (!owner.equals(nodeId)) {
            if (STANDALONE_STREAM_ID.equals(streamId) || isAlive(owner)) {
                return attachElsewhere(local, streamId, owner, eventId.sequence(), lastEventId, connection);
            }
            return replayOrphaned(local, eventId, lastEventId, connection); // its instance is gone
        }
        SessionStream live = STANDALONE_STREAM_ID.equals(streamId) ? ownedStandalone(local)
                : local.requestStream(streamId);
        if (live == null) {
            return replayEnded(local, eventId, lastEventId, connection);
        }
        Activity activity = local.begin();
        try {
            live.resume(connection, eventId.sequence(), lastEventId);
        }
        catch (RuntimeException ex) {
            activity.close();
            throw ex;
        }
        return () -> {
            live.detach(connection);
            activity.close();
        };
    }

    /** Resumes a stream that is over (or whose instance is gone): what is stored after the event, then the end. */
    private Activity replayEnded(LocalSession local, EventId eventId, String lastEventId, MessageSink connection) {
        EventStore.Replay replay = events.replayAfter(local.id(), eventId.streamId(), eventId.sequence())
            .orElseThrow(() -> new UnknownEventIdException(lastEventId));
        Activity activity = local.begin();
        if (connection.sendAll(eventId.streamId(), replay.events())) {
            connection.close();
        }
        return activity;
    }

    /**
     * Resumes a request's stream whose instance went away: what it stored, then, unless it had answered, an error
     * answer to each of its requests (stored too, so a later resumption gets the same), then the end.
     */
    private Activity replayOrphaned(LocalSession local, EventId eventId, String lastEventId,
            MessageSink connection) {
        String sessionId = local.id();
        String streamId = eventId.streamId();
        EventStore.Replay replay = events.replayAfter(sessionId, streamId, eventId.sequence())
            .orElseThrow(() -> new UnknownEventIdException(lastEventId));
        List<EventStore.StoredEvent> all = new ArrayList<>(replay.events());
        if (!replay.terminated()) {
            String ids = events.requestsOf(sessionId, streamId);
            long next = eventId.sequence() + 1 + replay.events().size();
            for (JsonNode id : ids == null ? List.<JsonNode>of() : codec.mapper().readTree(ids).valueStream().toList()) {
                JsonRpcMessage error = new JsonRpcMessage.ErrorResponse(id, new JsonRpcError(ErrorCodes.INTERNAL_ERROR,
                        "The server instance handling this request stopped before it answered; the request may or "
                                + "may not have taken effect. Send it again if that is safe"));
                events.append(sessionId, streamId, next, error);
                all.add(new EventStore.StoredEvent(next++, error));
            }
            events.terminate(sessionId, streamId);
        }
        Activity activity = local.begin();
        if (connection.sendAll(streamId, all)) {
            connection.close();
        }
        return activity;
    }

    /**
     * The standalone stream of a session whose owner this instance is: the one it has, or a new one carrying on the
     * events a former owner stored.
     */
    private SessionStream ownedStandalone(LocalSession local) {
        return local.standalone(() -> {
            long next = events.nextSequence(local.id(), STANDALONE_STREAM_ID);
            events.reopen(local.id(), STANDALONE_STREAM_ID);
            return new SessionStream(local.session(), STANDALONE_STREAM_ID, events, maxQueuedMessages, next);
        });
    }

    /** The instance that owns the session's standalone stream; this one when none did. */
    private String standaloneOwner(String sessionId, ClusterMessage forward) {
        String owner = RedisCalls.run(() -> redis.execute(RedisScripts.STANDALONE_OWNER,
                List.of(keys.standaloneOwner(sessionId), keys.session(sessionId)), nodeId,
                Long.toString(nodeTtlMillis), forward == null ? "" : bus.json(forward), keys.channelPrefix()));
        if (owner == null || owner.isEmpty()) {
            sessions.gone(sessionId);
            throw new SessionClosedException(sessionId);
        }
        return owner;
    }

    /** A request stream's id ends with the instance that runs it: {@code r<n>.<instance>}. */
    private static String ownerOfRequestStream(String streamId) {
        int dot = streamId.indexOf('.');
        return streamId.startsWith("r") && dot > 0 && dot < streamId.length() - 1 ? streamId.substring(dot + 1)
                : null;
    }

    private boolean isAlive(String node) {
        return Boolean.TRUE.equals(RedisCalls.run(() -> redis.hasKey(keys.node(node))));
    }

    /**
     * Attaches a client connection held here to a stream another instance owns: that instance writes the stream's
     * events to this connection through the bus.
     */
    private Activity attachElsewhere(LocalSession local, String streamId, String owner, Long sequence,
            String lastEventId, MessageSink connection) {
        String connectionId = nodeId + "/" + counter.incrementAndGet();
        HeldConnection holding = new HeldConnection(local.id(), streamId, owner, connection);
        held.put(connectionId, holding);
        Activity activity = local.begin();
        Activity attached = () -> {
            if (held.remove(connectionId) != null) {
                bus.sendQuietly(owner, new ClusterMessage(ClusterMessage.Type.DETACH, nodeId, local.id(), streamId,
                        connectionId, null, null, null, null, null));
            }
            activity.close();
        };
        String error;
        try {
            bus.send(owner, new ClusterMessage(ClusterMessage.Type.ATTACH, nodeId, local.id(), streamId,
                    connectionId, null, null, sequence, null, null));
            error = holding.attached().get(ATTACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException ex) {
            attached.close();
            throw new SessionStoreUnavailableException("The instance that owns the stream did not answer in time "
                    + "(it may have stopped; then it is soon known as gone, and the stream is answered here); retry "
                    + "shortly", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            attached.close();
            throw new SessionClosedException(local.id());
        }
        catch (SessionStoreUnavailableException ex) {
            attached.close();
            throw ex;
        }
        catch (RuntimeException ex) {
            attached.close();
            throw RedisCalls.unavailable(ex);
        }
        if (error == null) {
            return attached;
        }
        held.remove(connectionId);
        activity.close();
        switch (error) {
            case HeldConnection.CONFLICT -> throw new StreamConflictException(local.id());
            case HeldConnection.ENDED -> {
                return replayEnded(local, new EventId(streamId, sequence), lastEventId, connection);
            }
            case HeldConnection.UNKNOWN -> throw new UnknownEventIdException(lastEventId);
            default -> throw new SessionClosedException(local.id());
        }
    }

    /** On a stream's owner: another instance holds a client connection for one of its streams. */
    private void attachHere(ClusterMessage message) {
        String error = null;
        LocalSession local = sessions.find(message.session());
        try {
            if (local == null) {
                error = HeldConnection.CLOSED;
            }
            else {
                error = attachRemote(local, message);
            }
        }
        catch (StreamConflictException ex) {
            error = HeldConnection.CONFLICT;
        }
        catch (UnknownEventIdException ex) {
            error = HeldConnection.UNKNOWN;
        }
        catch (SessionClosedException ex) {
            error = HeldConnection.CLOSED;
        }
        bus.sendQuietly(message.from(), new ClusterMessage(ClusterMessage.Type.ATTACHED, nodeId, message.session(),
                message.stream(), message.connection(), null, null, null, null, error));
    }

    private String attachRemote(LocalSession local, ClusterMessage message) {
        boolean standalone = STANDALONE_STREAM_ID.equals(message.stream());
        SessionStream stream = standalone ? ownedStandalone(local) : local.requestStream(message.stream());
        if (stream == null) {
            return HeldConnection.ENDED;
        }
        Activity activity = local.begin();
        RemoteConnection[] self = new RemoteConnection[1];
        RemoteConnection remote = new RemoteConnection(bus, codec, nodeId, message.from(), message.connection(),
                () -> {
                    remotes.remove(message.connection());
                    stream.detach(self[0]);
                    activity.close();
                });
        self[0] = remote;
        remotes.put(message.connection(), remote);
        try {
            if (message.sequence() == null) {
                synchronized (stream) {
                    if (stream.hasOpenConnection()) {
                        throw new StreamConflictException(local.id());
                    }
                    stream.attach(remote);
                }
            }
            else {
                stream.resume(remote, message.sequence(), new EventId(message.stream(), message.sequence()).toString());
            }
            return null;
        }
        catch (RuntimeException ex) {
            remote.ended();
            throw ex;
        }
    }

    /** Sends a message on the session's standalone stream, through its owner; {@code false} when the session is gone. */
    boolean send(String sessionId, JsonRpcMessage message) {
        LocalSession local = sessions.cached(sessionId);
        SessionStream standalone = local == null ? null : local.standalone();
        if (standalone != null && standalone.isOpen()) {
            return standalone.send(message);
        }
        try {
            String owner = standaloneOwner(sessionId, new ClusterMessage(ClusterMessage.Type.SEND, nodeId, sessionId,
                    null, null, null, null, null, codec.toTree(message), null));
            if (!owner.equals(nodeId)) {
                return true; // published to the owner
            }
            LocalSession here = sessions.find(sessionId);
            return here != null && ownedStandalone(here).send(message);
        }
        catch (SessionClosedException ex) {
            return false;
        }
    }

    /** Ends the standalone streams this instance owns and the connections it holds (shutdown). */
    void endStandaloneStreams() {
        sessions.all().forEach(local -> {
            SessionStream standalone = local.standalone();
            if (standalone != null) {
                standalone.close();
            }
        });
        held.values().forEach(connection -> connection.sink().close());
        held.clear();
    }

    /** Sends a message on every standalone stream this instance owns. */
    void sendToOwnedStandaloneStreams(JsonRpcMessage message) {
        sessions.all().forEach(local -> {
            SessionStream standalone = local.standalone();
            if (standalone != null && standalone.isOpen()) {
                standalone.send(message);
            }
        });
    }

    /** The session was closed: the connections this instance holds for its streams close. */
    void closeSession(String sessionId) {
        held.values().removeIf(connection -> {
            if (connection.sessionId().equals(sessionId)) {
                connection.sink().close();
                return true;
            }
            return false;
        });
    }

    /** The instances this one exchanges stream events with, whose liveness the heartbeat checks. */
    Set<String> peers() {
        Set<String> peers = new LinkedHashSet<>();
        remotes.values().forEach(remote -> peers.add(remote.holder()));
        held.values().forEach(connection -> peers.add(connection.owner()));
        return peers;
    }

    /** Another instance stopped renewing its liveness: close the connections that went through it. */
    void peerGone(String peer) {
        remotes.values().removeIf(remote -> {
            if (remote.holder().equals(peer)) {
                remote.ended();
                return true;
            }
            return false;
        });
        held.values().removeIf(connection -> {
            if (connection.owner().equals(peer)) {
                connection.sink().close(); // the client resumes elsewhere, where the stream is taken over
                return true;
            }
            return false;
        });
    }

    /**
     * Handles another instance's message about streams: a message for a standalone stream owned here, a
     * connection to attach or detach, an event for a connection held here.
     */
    void receive(ClusterMessage message) {
        switch (message.type()) {
            case SEND -> {
                LocalSession local = sessions.find(message.session());
                if (local != null) {
                    ownedStandalone(local).send(codec.toMessage(message.message()));
                }
            }
            case ATTACH -> attachHere(message);
            case ATTACHED -> {
                HeldConnection connection = held.get(message.connection());
                if (connection != null) {
                    connection.attached().complete(message.text());
                }
            }
            case EVENT -> {
                HeldConnection connection = held.get(message.connection());
                if (connection != null) {
                    boolean sent = message.message() == null ? connection.sink().prime(message.eventId())
                            : connection.sink().send(message.eventId(), codec.toMessage(message.message()));
                    if (!sent && !connection.sink().isOpen()) {
                        held.remove(message.connection());
                        bus.sendQuietly(message.from(), new ClusterMessage(ClusterMessage.Type.DETACH, nodeId,
                                connection.sessionId(), connection.streamId(), message.connection(), null, null,
                                null, null, null));
                    }
                }
            }
            case CLOSE -> {
                HeldConnection connection = held.remove(message.connection());
                if (connection != null) {
                    connection.sink().close();
                }
            }
            case DETACH -> {
                RemoteConnection remote = remotes.get(message.connection());
                if (remote != null) {
                    remote.ended();
                }
            }
            default -> throw new IllegalArgumentException("Not about streams: " + message.type());
        }
    }

    /** Closes the connections this instance holds (it leaves the cluster). */
    void close() {
        held.values().forEach(connection -> connection.sink().close());
        held.clear();
    }

    /**
     * A client connection held by this instance for a stream another instance owns.
     *
     * @param sessionId the session
     * @param streamId  the stream
     * @param owner     the instance that owns the stream
     * @param sink      the connection
     * @param attached  completed with the owner's answer to the attachment: {@code null}, or why it was refused
     */
    private record HeldConnection(String sessionId, String streamId, String owner, MessageSink sink,
            CompletableFuture<String> attached) {

        static final String CONFLICT = "conflict";

        static final String UNKNOWN = "unknown";

        static final String ENDED = "ended";

        static final String CLOSED = "closed";

        HeldConnection(String sessionId, String streamId, String owner, MessageSink sink) {
            this(sessionId, streamId, owner, sink, new CompletableFuture<>());
        }
    }
}
