package dev.mcpspring.session.redis;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.DuplicateRequestIdException;
import dev.mcpspring.session.EventId;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.PendingRequestKey;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionIds;
import dev.mcpspring.session.SessionLimitExceededException;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.SessionStoreUnavailableException;
import dev.mcpspring.session.SessionStream;
import dev.mcpspring.session.StreamConflictException;
import dev.mcpspring.session.UnknownEventIdException;
import tools.jackson.databind.JsonNode;

/**
 * A {@link SessionManager} that keeps the sessions in Redis, so that several instances of a server behind a plain
 * load balancer serve every request of every session: nothing is sticky.
 * <p>
 * What Redis holds (see {@link RedisKeys}): each session's state, expiring with its idle time-out; the ids of the
 * requests being handled and of the requests waiting for the client's answer, each naming the instance that has
 * them; the owner of each session's standalone stream; subscriptions; and the SSE events of every stream
 * ({@link RedisEventStore}). What only a JVM can hold (a waiting {@code peer.sample()}, an open connection, a
 * running handler) stays there, and whatever must reach it is sent to its instance over Redis pub/sub
 * ({@link ClusterBus}): the client's answer that arrived elsewhere, a cancellation, the messages of a stream whose
 * connection another instance holds.
 * <p>
 * Costs: a request in a session that this instance has seen recently pays one Redis round trip (registering its
 * id, which also renews the session and deletes the ids of requests that ended here before). Each instance
 * renews what it holds every heartbeat; an instance silent for three heartbeats counts as gone, and the others
 * take its streams over.
 */
public class RedisSessionManager implements SessionManager, AutoCloseable {

    private static final Log logger = LogFactory.getLog(RedisSessionManager.class);

    /** The stream id of a session's standalone (GET) stream. */
    public static final String STANDALONE_STREAM_ID = "get";

    /** How long an unused session stays cached in this instance. */
    private static final long CACHE_MILLIS = 60_000;

    /** At most how many ids of finished requests a request's registration deletes on the way. */
    private static final int DELETIONS_PER_REQUEST = 8;

    /** How long an instance waits for another to take a connection of a stream it owns. */
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(3);

    private static final RedisScript<Long> CREATE = RedisScript.of("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[5])
            redis.call('HSET', KEYS[2], 'created', ARGV[1])
            if ARGV[6] ~= '' then redis.call('HSET', KEYS[2], 'principal', ARGV[6]) end
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return 1
            """, Long.class);

    /**
     * Registers a request being handled (refusing a reused id) and renews the session: -1 gone, 0 reused, 1 ok.
     * Deletes, on the way, the ids of requests this instance finished (keys 4 and on), which so cost nothing more.
     */
    private static final RedisScript<Long> REGISTER = RedisScript.of("""
            for i = 4, #KEYS do redis.call('DEL', KEYS[i]) end
            if redis.call('PEXPIRE', KEYS[1], ARGV[3]) == 0 then return -1 end
            redis.call('ZADD', KEYS[3], 'XX', ARGV[4], ARGV[5])
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            return 0
            """, Long.class);

    private static final RedisScript<Long> CLOSE = RedisScript.of("""
            local existed = redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('DEL', KEYS[3])
            return existed
            """, Long.class);

    /**
     * The owner of a session's standalone stream, claimed by the caller when it has none (or the owner is gone);
     * with a message, it is published to the owner when that is another instance. '' when the session is gone.
     */
    private static final RedisScript<String> STANDALONE_OWNER = RedisScript.of("""
            if redis.call('EXISTS', KEYS[2]) == 0 then return '' end
            local owner = redis.call('GET', KEYS[1])
            if owner and owner ~= ARGV[1] then
              if ARGV[3] ~= '' then redis.call('PUBLISH', ARGV[4] .. owner, ARGV[3]) end
              return owner
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return ARGV[1]
            """, String.class);

    /** Publishes a message to the instance a key names (deleting the key if asked); returns it, '' when none. */
    private static final RedisScript<String> ROUTE = RedisScript.of("""
            local owner = redis.call('GET', KEYS[1])
            if not owner then return '' end
            if ARGV[4] == '1' then redis.call('DEL', KEYS[1]) end
            if owner ~= ARGV[1] then redis.call('PUBLISH', ARGV[3] .. owner, ARGV[2]) end
            return owner
            """, String.class);

    private static final RedisScript<Long> SUBSCRIBE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            redis.call('HSET', KEYS[1], 'sub:' .. ARGV[2], '1')
            redis.call('SADD', KEYS[2], ARGV[1])
            return 1
            """, Long.class);

    private static final RedisScript<Long> UNSUBSCRIBE = RedisScript.of("""
            redis.call('SREM', KEYS[2], ARGV[1])
            return redis.call('HDEL', KEYS[1], 'sub:' .. ARGV[2])
            """, Long.class);

    /** Renews this instance's ownership of a standalone stream: 0 when another instance owns it now. */
    private static final String RENEW_OWNER = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    private final StringRedisTemplate redis;

    private final RedisKeys keys;

    private final JsonRpcCodec codec;

    private final RedisEventStore events;

    private final SessionValues values;

    private final String nodeId;

    private final long idleMillis;

    private final long nodeTtlMillis;

    private final int maxSessions;

    private final int maxQueuedMessages;

    private final ClusterBus bus;

    /** Sessions this instance has used lately or holds something of. */
    private final Map<String, LocalSession> locals = new ConcurrentHashMap<>();

    /** On this instance, the connections it holds for streams another instance owns, by connection id. */
    private final Map<String, HeldConnection> held = new ConcurrentHashMap<>();

    /** On a stream's owner, the connections other instances hold for it, by connection id. */
    private final Map<String, RemoteConnection> remotes = new ConcurrentHashMap<>();

    private final AtomicLong counter = new AtomicLong();

    private final List<Consumer<JsonRpcMessage>> otherInstancesListeners = new CopyOnWriteArrayList<>();

    private final ConcurrentLinkedQueue<String> deletions = new ConcurrentLinkedQueue<>();


    private final ScheduledExecutorService background;

    /**
     * @param connections       the Redis connection factory (for pub/sub)
     * @param redis             the Redis template
     * @param codec             reads and writes JSON-RPC messages
     * @param events            where the SSE events are kept, with the same key prefix
     * @param keyPrefix         the prefix of every key and channel
     * @param idleTimeout       how long a session may stay idle before it expires
     * @param maxSessions       how many sessions may be live at once, across all instances
     * @param maxQueuedMessages how many messages are kept for a session while it has no open stream
     * @param heartbeat         how often this instance renews what it holds
     */
    public RedisSessionManager(RedisConnectionFactory connections, StringRedisTemplate redis, JsonRpcCodec codec,
            RedisEventStore events, String keyPrefix, Duration idleTimeout, int maxSessions, int maxQueuedMessages,
            Duration heartbeat) {
        this.redis = redis;
        this.keys = new RedisKeys(keyPrefix);
        this.codec = codec;
        this.events = events;
        this.values = new SessionValues(codec.mapper());
        this.nodeId = newNodeId();
        this.idleMillis = idleTimeout.toMillis();
        this.maxSessions = maxSessions;
        this.maxQueuedMessages = maxQueuedMessages;
        long beat = Math.max(50, Math.min(heartbeat.toMillis(), idleMillis / 3));
        this.nodeTtlMillis = 3 * beat;
        this.bus = new ClusterBus(connections, redis, keys, codec.mapper(), nodeId, this::receive);
        this.background = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mcp-redis-sessions");
            thread.setDaemon(true);
            return thread;
        });
        try {
            RedisCalls.run(() -> {
                redis.opsForValue().set(keys.node(nodeId), "1", Duration.ofMillis(nodeTtlMillis));
                return null;
            });
        }
        catch (SessionStoreUnavailableException ex) {
            logger.warn("Redis is not reachable at start-up; MCP sessions are unavailable until it is: "
                    + ex.getMessage());
        }
        bus.start();
        background.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** This instance's id in the cluster. */
    public String nodeId() {
        return nodeId;
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public McpSession create(String principal) {
        String id = SessionIds.next();
        long now = System.currentTimeMillis();
        Long created = RedisCalls.run(() -> redis.execute(CREATE, List.of(keys.sessions(), keys.session(id)),
                Long.toString(now), Long.toString(now + idleMillis), Integer.toString(maxSessions),
                Long.toString(idleMillis), id, principal == null ? "" : principal));
        if (created == null || created == 0) {
            throw new SessionLimitExceededException(maxSessions);
        }
        LocalSession local = new LocalSession(new RedisSession(id, principal, this::write, values));
        locals.put(id, local);
        return local.session();
    }

    @Override
    public Optional<McpSession> find(String sessionId) {
        return Optional.ofNullable(sessionId == null ? null : local(sessionId)).map(LocalSession::session);
    }

    /** The session as this instance holds it, loaded from Redis when it has not got it; {@code null} when gone. */
    private LocalSession local(String sessionId) {
        LocalSession local = locals.get(sessionId);
        if (local != null && !local.isClosed()) {
            local.used();
            return local;
        }
        Map<String, String> fields = RedisCalls.run(() -> redis.<String, String>opsForHash()
            .entries(keys.session(sessionId)));
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        RedisSession session = new RedisSession(sessionId, fields.get(RedisSession.PRINCIPAL), this::write, values);
        session.load(fields);
        LocalSession loaded = new LocalSession(session);
        LocalSession raced = locals.putIfAbsent(sessionId, loaded);
        return raced != null && !raced.isClosed() ? raced : loaded;
    }

    private LocalSession require(String sessionId) {
        LocalSession local = local(sessionId);
        if (local == null) {
            throw new SessionClosedException(sessionId);
        }
        return local;
    }

    /** Writes a change of a session's state and tells the instances that cache it. */
    private void write(RedisSession session, Map<String, String> fields) {
        RedisCalls.run(() -> {
            redis.opsForHash().putAll(keys.session(session.id()), fields);
            return null;
        });
        publishQuietly(ClusterMessage.of(ClusterMessage.Type.CHANGED, nodeId, session.id()));
    }

    @Override
    public boolean close(String sessionId) {
        if (sessionId == null) {
            return false;
        }
        Long existed = RedisCalls.run(() -> redis.execute(CLOSE,
                List.of(keys.session(sessionId), keys.sessions(), keys.standaloneOwner(sessionId)), sessionId));
        closeHere(sessionId);
        RedisCalls.run(() -> {
            events.removeSession(sessionId);
            return null;
        });
        publishQuietly(ClusterMessage.of(ClusterMessage.Type.CLOSED, nodeId, sessionId));
        return existed != null && existed > 0;
    }

    /** Ends what this instance holds of a session that was closed or expired. */
    private void closeHere(String sessionId) {
        LocalSession local = locals.remove(sessionId);
        if (local != null) {
            local.shutDown("the session was closed", new SessionClosedException(sessionId), true);
        }
        held.values().removeIf(connection -> {
            if (connection.sessionId().equals(sessionId)) {
                connection.sink().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public int sessionCount() {
        Long count = RedisCalls.run(() -> redis.opsForZSet().count(keys.sessions(), System.currentTimeMillis(),
                Double.POSITIVE_INFINITY));
        return count == null ? 0 : count.intValue();
    }

    @Override
    public Activity beginActivity(String sessionId) {
        return require(sessionId).begin();
    }

    // ---------------------------------------------------------------- streams

    @Override
    public EventStore eventStore() {
        return events;
    }

    @Override
    public MessageSink openRequestStream(String sessionId, MessageSink connection) {
        return openRequestStream(sessionId, connection, List.of());
    }

    @Override
    public MessageSink openRequestStream(String sessionId, MessageSink connection, List<JsonNode> requestIds) {
        LocalSession local = require(sessionId);
        // the stream id names this instance, so a client resuming it elsewhere is sent here
        SessionStream stream = new SessionStream(local.session(), "r" + counter.incrementAndGet() + "." + nodeId,
                events, 0);
        if (!requestIds.isEmpty()) { // so another instance can answer them if this one goes away
            events.recordRequests(sessionId, stream.streamId(),
                    codec.mapper().writeValueAsString(codec.mapper().valueToTree(requestIds)));
        }
        local.addRequestStream(stream);
        stream.attach(connection);
        return stream;
    }

    @Override
    public Activity openStandaloneStream(String sessionId, MessageSink connection) {
        LocalSession local = require(sessionId);
        String owner = standaloneOwner(sessionId, null);
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

    @Override
    public Activity resumeStream(String sessionId, String lastEventId, MessageSink connection) {
        LocalSession local = require(sessionId);
        EventId eventId = EventId.parse(lastEventId).orElseThrow(() -> new UnknownEventIdException(lastEventId));
        String streamId = eventId.streamId();
        String owner = STANDALONE_STREAM_ID.equals(streamId) ? standaloneOwner(sessionId, null)
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
        String owner = RedisCalls.run(() -> redis.execute(STANDALONE_OWNER,
                List.of(keys.standaloneOwner(sessionId), keys.session(sessionId)), nodeId,
                Long.toString(nodeTtlMillis), forward == null ? "" : bus.json(forward), keys.channelPrefix()));
        if (owner == null || owner.isEmpty()) {
            closeHere(sessionId);
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
                publishQuietly(owner, new ClusterMessage(ClusterMessage.Type.DETACH, nodeId, local.id(), streamId,
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
            throw new SessionStoreUnavailableException("The instance that owns the stream did not answer in time; "
                    + "retry shortly", ex);
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
        LocalSession local = local(message.session());
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
        publishQuietly(message.from(), new ClusterMessage(ClusterMessage.Type.ATTACHED, nodeId, message.session(),
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

    @Override
    public boolean sendToSession(String sessionId, JsonRpcMessage message) {
        LocalSession local = locals.get(sessionId);
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
            LocalSession here = local(sessionId);
            return here != null && ownedStandalone(here).send(message);
        }
        catch (SessionClosedException ex) {
            return false;
        }
    }

    @Override
    public void endStandaloneStreams() {
        locals.values().forEach(local -> {
            SessionStream standalone = local.standalone();
            if (standalone != null) {
                standalone.close();
            }
        });
        held.values().forEach(connection -> connection.sink().close());
        held.clear();
    }

    @Override
    public void sendToAll(JsonRpcMessage message) {
        sendToOwnedStandaloneStreams(message);
        publishQuietly(new ClusterMessage(ClusterMessage.Type.SEND_ALL, nodeId, null, null, null, null, null, null,
                codec.toTree(message), null));
    }

    @Override
    public void onOtherInstancesNotification(Consumer<JsonRpcMessage> listener) {
        otherInstancesListeners.add(listener);
    }

    private void notifyListeners(JsonRpcMessage message) {
        otherInstancesListeners.forEach(listener -> listener.accept(message));
    }

    private void sendToOwnedStandaloneStreams(JsonRpcMessage message) {
        locals.values().forEach(local -> {
            SessionStream standalone = local.standalone();
            if (standalone != null && standalone.isOpen()) {
                standalone.send(message);
            }
        });
    }

    // ---------------------------------------------------------------- subscriptions

    @Override
    public void subscribe(String sessionId, String uri) {
        Long done = RedisCalls.run(() -> redis.execute(SUBSCRIBE,
                List.of(keys.session(sessionId), keys.subscribers(uri)), sessionId, uri));
        if (done == null || done < 0) {
            throw new SessionClosedException(sessionId);
        }
    }

    @Override
    public boolean unsubscribe(String sessionId, String uri) {
        Long removed = RedisCalls.run(() -> redis.execute(UNSUBSCRIBE,
                List.of(keys.session(sessionId), keys.subscribers(uri)), sessionId, uri));
        return removed != null && removed > 0;
    }

    @Override
    public void sendToSubscribers(String uri, JsonRpcMessage message) {
        publishQuietly(new ClusterMessage(ClusterMessage.Type.SUBSCRIBERS, nodeId, null, null, null, null, null, null,
                codec.toTree(message), null));
        Set<String> sessionIds = RedisCalls.run(() -> redis.opsForSet().members(keys.subscribers(uri)));
        if (sessionIds == null) {
            return;
        }
        for (String sessionId : sessionIds) {
            if (!sendToSession(sessionId, message)) { // the session is gone: forget its subscription
                RedisCalls.run(() -> redis.opsForSet().remove(keys.subscribers(uri), sessionId));
            }
        }
    }

    // ---------------------------------------------------------------- requests to the client

    @Override
    public CompletableFuture<JsonRpcMessage> expectResponse(String sessionId, JsonNode requestId) {
        CompletableFuture<JsonRpcMessage> future = new CompletableFuture<>();
        LocalSession local = locals.get(sessionId);
        String token = PendingRequestKey.of(requestId).token();
        if (local == null || !local.addPending(token, future)) {
            future.completeExceptionally(new SessionClosedException(sessionId));
            return future;
        }
        try {
            // before the request is sent: the answer may reach another instance, which must find this one
            RedisCalls.run(() -> {
                redis.opsForValue().set(keys.call(sessionId, token), nodeId, Duration.ofMillis(nodeTtlMillis));
                return null;
            });
        }
        catch (SessionStoreUnavailableException ex) {
            local.takePending(token);
            future.completeExceptionally(ex);
        }
        return future;
    }

    @Override
    public boolean deliverResponse(String sessionId, JsonRpcMessage response) {
        JsonNode id = response instanceof JsonRpcMessage.Response ok ? ok.id()
                : response instanceof JsonRpcMessage.ErrorResponse error ? error.id() : null;
        if (id == null || id.isNull()) {
            return false;
        }
        String token = PendingRequestKey.of(id).token();
        LocalSession local = locals.get(sessionId);
        CompletableFuture<JsonRpcMessage> future = local == null ? null : local.takePending(token);
        if (future != null) {
            deleteLater(keys.call(sessionId, token));
            return future.complete(response);
        }
        String owner = RedisCalls.run(() -> redis.execute(ROUTE, List.of(keys.call(sessionId, token)), nodeId,
                bus.json(new ClusterMessage(ClusterMessage.Type.RESPONSE, nodeId, sessionId, null, null, token, null,
                        null, codec.toTree(response), null)),
                keys.channelPrefix(), "1"));
        return owner != null && !owner.isEmpty() && !owner.equals(nodeId);
    }

    @Override
    public void forgetPending(String sessionId, JsonNode requestId) {
        String token = PendingRequestKey.of(requestId).token();
        LocalSession local = locals.get(sessionId);
        if (local != null) {
            local.takePending(token);
        }
        deleteLater(keys.call(sessionId, token));
    }

    // ---------------------------------------------------------------- requests from the client

    @Override
    public Activity registerInFlight(String sessionId, JsonNode requestId, Consumer<Cancellation> cancel) {
        LocalSession local = require(sessionId);
        String token = PendingRequestKey.of(requestId).token();
        String key = keys.inFlight(sessionId, token);
        long now = System.currentTimeMillis();
        List<String> scriptKeys = new ArrayList<>(3 + DELETIONS_PER_REQUEST);
        scriptKeys.add(keys.session(sessionId));
        scriptKeys.add(key);
        scriptKeys.add(keys.sessions());
        for (int i = 0; i < DELETIONS_PER_REQUEST; i++) {
            String finished = deletions.poll();
            if (finished == null) {
                break;
            }
            scriptKeys.add(finished);
        }
        Long registered = RedisCalls.run(() -> redis.execute(REGISTER, scriptKeys, nodeId,
                Long.toString(nodeTtlMillis), Long.toString(idleMillis), Long.toString(now + idleMillis), sessionId));
        if (registered == null || registered < 0) {
            closeHere(sessionId); // closed or expired elsewhere
            throw new SessionClosedException(sessionId);
        }
        if (registered == 0 || !local.addInFlight(token, cancel)) {
            throw new DuplicateRequestIdException(requestId);
        }
        return () -> {
            if (local.removeInFlight(token, cancel)) {
                deleteLater(key);
            }
        };
    }

    @Override
    public boolean cancelInFlight(String sessionId, JsonNode requestId, String reason) {
        String token = PendingRequestKey.of(requestId).token();
        LocalSession local = locals.get(sessionId);
        Consumer<Cancellation> cancel = local == null ? null : local.takeInFlight(token);
        if (cancel != null) {
            deleteLater(keys.inFlight(sessionId, token));
            cancel.accept(new Cancellation(true, reason));
            return true;
        }
        String owner = RedisCalls.run(() -> redis.execute(ROUTE, List.of(keys.inFlight(sessionId, token)), nodeId,
                bus.json(new ClusterMessage(ClusterMessage.Type.CANCEL, nodeId, sessionId, null, null, token, null,
                        null, null, reason)),
                keys.channelPrefix(), "0"));
        return owner != null && !owner.isEmpty() && !owner.equals(nodeId);
    }

    // ---------------------------------------------------------------- messages from other instances

    private void receive(ClusterMessage message) {
        switch (message.type()) {
            case SEND -> {
                LocalSession local = local(message.session());
                if (local != null) {
                    ownedStandalone(local).send(codec.toMessage(message.message()));
                }
            }
            case SEND_ALL -> {
                JsonRpcMessage notification = codec.toMessage(message.message());
                sendToOwnedStandaloneStreams(notification);
                notifyListeners(notification);
            }
            case SUBSCRIBERS -> notifyListeners(codec.toMessage(message.message()));
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
                        publishQuietly(message.from(), new ClusterMessage(ClusterMessage.Type.DETACH, nodeId,
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
            case RESPONSE -> {
                LocalSession local = locals.get(message.session());
                CompletableFuture<JsonRpcMessage> future = local == null ? null : local.takePending(message.request());
                if (future != null) {
                    future.complete(codec.toMessage(message.message()));
                }
            }
            case CANCEL -> {
                LocalSession local = locals.get(message.session());
                Consumer<Cancellation> cancel = local == null ? null : local.takeInFlight(message.request());
                if (cancel != null) {
                    deleteLater(keys.inFlight(message.session(), message.request()));
                    cancel.accept(new Cancellation(true, message.text()));
                }
            }
            case CLOSED -> closeHere(message.session());
            case CHANGED -> {
                LocalSession local = locals.get(message.session());
                if (local != null) {
                    Map<String, String> fields = redis.<String, String>opsForHash()
                        .entries(keys.session(message.session()));
                    local.session().load(fields);
                }
            }
        }
    }

    // ---------------------------------------------------------------- upkeep

    /**
     * Renews, in one pipelined batch, what this instance holds: its liveness, the expiry of the sessions it worked
     * for, its streams' ownership, its requests' ids. Sessions found gone are ended here; connections whose other
     * end's instance is gone are closed; sessions unused for a while leave the cache.
     */
    void heartbeat() {
        List<LocalSession> renewed = new ArrayList<>();
        try {
            List<LocalSession> sessions = new ArrayList<>(locals.values());
            long now = System.currentTimeMillis();
            Set<String> peers = new LinkedHashSet<>();
            remotes.values().forEach(remote -> peers.add(remote.holder()));
            held.values().forEach(connection -> peers.add(connection.owner()));
            List<String> peerList = new ArrayList<>(peers);
            List<String> finished = takeDeletions();
            int peerStart = finished.isEmpty() ? 1 : 2; // after the liveness and the deletions
            Map<Integer, String> sessionResults = new HashMap<>();
            Map<Integer, LocalSession> ownerResults = new HashMap<>();
            List<Object> results = redis.executePipelined((RedisCallback<Object>) connection -> {
                // Spring Data Redis 4's StringRedisTemplate no longer hands callbacks a StringRedisConnection
                StringRedisConnection commands = connection instanceof StringRedisConnection strings ? strings
                        : new DefaultStringRedisConnection(connection);
                int index = 0;
                commands.pSetEx(keys.node(nodeId), nodeTtlMillis, "1");
                index++;
                if (!finished.isEmpty()) {
                    commands.del(finished.toArray(String[]::new));
                    index++;
                }
                for (String peer : peerList) {
                    commands.exists(keys.node(peer));
                    index++;
                }
                for (LocalSession local : sessions) {
                    if (local.isClosed()) {
                        continue;
                    }
                    String id = local.id();
                    if (!local.holdsAnything() && now - local.lastUsedMillis() > CACHE_MILLIS) {
                        locals.remove(id, local);
                        continue;
                    }
                    // every cached session is checked, so one closed or lost elsewhere leaves the cache soon
                    sessionResults.put(index, id);
                    if (local.takeTouched()) {
                        renewed.add(local);
                        commands.pExpire(keys.session(id), idleMillis);
                        commands.zAdd(keys.sessions(), now + idleMillis, id, ZAddArgs.ifExists());
                        index += 2;
                    }
                    else {
                        commands.exists(keys.session(id));
                        index++;
                    }
                    if (local.standalone() != null) {
                        ownerResults.put(index, local);
                        commands.eval(RENEW_OWNER, ReturnType.INTEGER, 1, keys.standaloneOwner(id), nodeId,
                                Long.toString(nodeTtlMillis));
                        index++;
                    }
                    for (String token : local.inFlightTokens()) {
                        commands.pExpire(keys.inFlight(id, token), nodeTtlMillis);
                        index++;
                    }
                    for (String token : local.pendingTokens()) {
                        commands.pExpire(keys.call(id, token), nodeTtlMillis);
                        index++;
                    }
                }
                return null;
            });
            for (int i = 0; i < peerList.size(); i++) {
                Object alive = results.get(peerStart + i);
                if (Boolean.FALSE.equals(alive) || Long.valueOf(0).equals(alive)) {
                    peerGone(peerList.get(i));
                }
            }
            ownerResults.forEach((index, local) -> {
                if (Long.valueOf(0).equals(results.get(index))) { // lost it (Redis was away too long): let go
                    logger.debug("Another instance owns the standalone stream of MCP session " + local.id());
                    local.releaseStandalone();
                }
            });
            sessionResults.forEach((index, id) -> {
                Object result = results.get(index);
                if (Boolean.FALSE.equals(result) || Long.valueOf(0).equals(result)) {
                    logger.debug("MCP session " + id + " expired or was closed elsewhere");
                    closeHere(id);
                }
            });
        }
        catch (RuntimeException ex) {
            renewed.forEach(LocalSession::touch); // renewed at the next heartbeat that gets through
            logger.warn("Renewing this instance's MCP sessions in Redis failed: " + ex.getMessage());
        }
    }

    /** Another instance stopped renewing its liveness: close the connections that went through it. */
    private void peerGone(String peer) {
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
     * Deletes a key soon: with the next request this instance registers, or at the next heartbeat, so nothing
     * waits for it and it costs no round trip of its own (until then the id of a finished request stays refused on
     * other instances; the protocol forbids reusing one anyway).
     */
    private void deleteLater(String key) {
        deletions.add(key);
    }

    private List<String> takeDeletions() {
        List<String> batch = new ArrayList<>();
        for (String key = deletions.poll(); key != null; key = deletions.poll()) {
            batch.add(key);
        }
        return batch;
    }

    private void publishQuietly(ClusterMessage message) {
        try {
            bus.broadcast(message);
        }
        catch (RuntimeException ex) {
            logger.warn("Could not tell the other instances (" + message.type() + "): " + ex.getMessage());
        }
    }

    private void publishQuietly(String node, ClusterMessage message) {
        try {
            bus.send(node, message);
        }
        catch (RuntimeException ex) {
            logger.warn("Could not reach instance " + node + " (" + message.type() + "): " + ex.getMessage());
        }
    }

    /**
     * Leaves the cluster: this instance's streams end here (their clients resume on other instances), the requests
     * it handles are cancelled, and it stops listening. The sessions live on in Redis.
     */
    @Override
    public void close() {
        background.shutdownNow();
        List<String> finished = takeDeletions();
        if (!finished.isEmpty()) {
            try {
                redis.delete(finished);
            }
            catch (RuntimeException ex) {
                // they expire with this instance's liveness
            }
        }
        for (LocalSession local : locals.values()) {
            local.shutDown("the server is shutting down", new SessionClosedException(local.id()), false);
            if (local.standalone() != null) {
                try {
                    redis.delete(keys.standaloneOwner(local.id()));
                }
                catch (RuntimeException ex) {
                    // expires with this instance's heartbeat
                }
            }
        }
        locals.clear();
        held.values().forEach(connection -> connection.sink().close());
        held.clear();
        bus.close();
        try {
            redis.delete(keys.node(nodeId));
        }
        catch (RuntimeException ex) {
            // expires by itself
        }
    }

    private static String newNodeId() {
        return Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
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
