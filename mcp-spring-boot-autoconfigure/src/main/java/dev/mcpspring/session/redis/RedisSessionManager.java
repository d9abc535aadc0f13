package dev.mcpspring.session.redis;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.DuplicateRequestIdException;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionEnd;
import dev.mcpspring.session.SessionLimitExceededException;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.SessionStoreUnavailableException;
import dev.mcpspring.session.internal.PendingRequestKey;
import dev.mcpspring.session.internal.SessionIds;
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

    /** How long an unused session stays cached in this instance. */
    private static final long CACHE_MILLIS = 60_000;

    /** At most how many ids of finished requests a request's registration deletes on the way. */
    private static final int DELETIONS_PER_REQUEST = 8;

    /** At most how many expired sessions one heartbeat reports. */
    private static final int SWEEP_BATCH = 100;

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

    private final ClusterStreams streams;

    private final List<Consumer<JsonRpcMessage>> otherInstancesListeners = new CopyOnWriteArrayList<>();

    private final ConcurrentLinkedQueue<String> deletions = new ConcurrentLinkedQueue<>();

    private final List<Consumer<SessionEnd>> endListeners = new CopyOnWriteArrayList<>();

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
        this.streams = new ClusterStreams(redis, keys, codec, events, bus, new ClusterStreams.Sessions() {

            @Override
            public LocalSession find(String sessionId) {
                return local(sessionId);
            }

            @Override
            public LocalSession cached(String sessionId) {
                return locals.get(sessionId);
            }

            @Override
            public Collection<LocalSession> all() {
                return locals.values();
            }

            @Override
            public void gone(String sessionId) {
                closeHere(sessionId);
            }
        }, nodeId, nodeTtlMillis, maxQueuedMessages);
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
    public McpSession create(@Nullable String principal) {
        String id = SessionIds.next();
        long now = System.currentTimeMillis();
        Long created = RedisCalls.run(() -> redis.execute(RedisScripts.CREATE,
                List.of(keys.sessions(), keys.session(id), keys.starts()),
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
    public Optional<McpSession> find(@Nullable String sessionId) {
        return Optional.ofNullable(sessionId == null ? null : local(sessionId)).map(LocalSession::session);
    }

    /** The session as this instance holds it, loaded from Redis when it has not got it; {@code null} when gone. */
    private @Nullable LocalSession local(String sessionId) {
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

    /**
     * Writes a change of a session's state, counts up its generation and tells the instances that cache it; the
     * negotiated revision goes to the starts hash too (in the same round trip), for the report of the session's end.
     *
     * @return the generation of the state written
     */
    private long write(RedisSession session, Map<String, String> fields) {
        String version = fields.get(RedisSession.VERSION);
        List<Object> replies = RedisCalls.run(() -> redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection commands = connection instanceof StringRedisConnection strings ? strings
                    : new DefaultStringRedisConnection(connection);
            commands.hMSet(keys.session(session.id()), fields);
            commands.hIncrBy(keys.session(session.id()), RedisSession.GENERATION, 1);
            if (version != null) {
                commands.hSet(keys.starts(), session.id() + "|v", version);
            }
            return null;
        }));
        bus.broadcastQuietly(ClusterMessage.of(ClusterMessage.Type.CHANGED, nodeId, session.id()));
        for (Object reply : replies == null ? List.of() : replies) {
            if (reply instanceof Long generation) { // HINCRBY's: the only number among the replies
                return generation;
            }
        }
        return 0;
    }

    @Override
    public boolean close(@Nullable String sessionId) {
        if (sessionId == null) {
            return false;
        }
        long now = System.currentTimeMillis();
        String start = RedisCalls.run(() -> redis.execute(RedisScripts.CLOSE, List.of(keys.session(sessionId),
                keys.sessions(), keys.standaloneOwner(sessionId), keys.starts(), keys.subscriptions(sessionId)),
                sessionId, keys.subscribersPrefix()));
        closeHere(sessionId);
        RedisCalls.run(() -> {
            events.removeSession(sessionId);
            return null;
        });
        bus.broadcastQuietly(ClusterMessage.of(ClusterMessage.Type.CLOSED, nodeId, sessionId));
        boolean existed = start != null && !start.isEmpty();
        if (existed) {
            reportEnd(sessionId, start, now, SessionEnd.Reason.CLOSED);
        }
        return existed;
    }

    @Override
    public void onSessionEnd(Consumer<SessionEnd> listener) {
        endListeners.add(listener);
    }

    /**
     * Tells the listeners that a session ended at {@code endMillis}; {@code start} is what the starts hash knew
     * ("created|version").
     */
    private void reportEnd(String sessionId, String start, long endMillis, SessionEnd.Reason reason) {
        if (endListeners.isEmpty()) {
            return;
        }
        int bar = start.indexOf('|');
        String created = bar < 0 ? start : start.substring(0, bar);
        String version = bar < 0 || bar == start.length() - 1 ? null : start.substring(bar + 1);
        long createdMillis;
        try {
            createdMillis = Long.parseLong(created);
        }
        catch (NumberFormatException ex) { // created before this instance's version noted it
            return;
        }
        SessionEnd end = new SessionEnd(sessionId, version, Duration.ofMillis(Math.max(0, endMillis - createdMillis)),
                reason);
        for (Consumer<SessionEnd> listener : endListeners) {
            try {
                listener.accept(end);
            }
            catch (RuntimeException ex) {
                logger.warn("A listener of MCP session ends failed", ex);
            }
        }
    }

    /**
     * Reports the sessions that expired (in Redis, their hash expired): each once, by whichever instance sweeps
     * first; also keeps the sorted set of live sessions clean.
     */
    void sweepExpired() {
        long now = System.currentTimeMillis();
        List<?> ended = RedisCalls.run(() -> redis.execute((RedisCallback<List<?>>) connection -> {
            StringRedisConnection commands = connection instanceof StringRedisConnection strings ? strings
                    : new DefaultStringRedisConnection(connection);
            return commands.eval(RedisScripts.SWEEP, ReturnType.MULTI, 2, keys.sessions(), keys.starts(),
                    Long.toString(now), Integer.toString(SWEEP_BATCH), keys.session(""), keys.subscribersPrefix());
        }));
        if (ended == null) {
            return;
        }
        for (int i = 0; i + 2 < ended.size(); i += 3) {
            String id = text(ended.get(i));
            long expiredAt;
            try {
                expiredAt = (long) Double.parseDouble(text(ended.get(i + 1)));
            }
            catch (NumberFormatException ex) {
                expiredAt = now;
            }
            logger.debug("MCP session " + id + " expired");
            reportEnd(id, text(ended.get(i + 2)), Math.min(expiredAt, now), SessionEnd.Reason.EXPIRED);
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    /** Ends what this instance holds of a session that was closed or expired. */
    private void closeHere(String sessionId) {
        LocalSession local = locals.remove(sessionId);
        if (local != null) {
            local.shutDown("the session was closed", new SessionClosedException(sessionId), true);
        }
        streams.closeSession(sessionId);
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
        return streams.openRequestStream(require(sessionId), connection, requestIds);
    }

    @Override
    public Activity openStandaloneStream(String sessionId, MessageSink connection) {
        return streams.openStandalone(require(sessionId), connection);
    }

    @Override
    public Activity resumeStream(String sessionId, String lastEventId, MessageSink connection) {
        return streams.resume(require(sessionId), lastEventId, connection);
    }

    @Override
    public boolean sendToSession(String sessionId, JsonRpcMessage message) {
        return streams.send(sessionId, message);
    }

    @Override
    public void endStandaloneStreams() {
        streams.endStandaloneStreams();
    }

    @Override
    public void sendToAll(JsonRpcMessage message) {
        streams.sendToOwnedStandaloneStreams(message);
        bus.broadcastQuietly(new ClusterMessage(ClusterMessage.Type.SEND_ALL, nodeId, null, null, null, null, null, null,
                codec.toTree(message), null));
    }

    @Override
    public void onOtherInstancesNotification(Consumer<JsonRpcMessage> listener) {
        otherInstancesListeners.add(listener);
    }

    private void notifyListeners(JsonRpcMessage message) {
        otherInstancesListeners.forEach(listener -> listener.accept(message));
    }

    // ---------------------------------------------------------------- subscriptions

    @Override
    public void subscribe(String sessionId, String uri) {
        Long done = RedisCalls.run(() -> redis.execute(RedisScripts.SUBSCRIBE,
                List.of(keys.session(sessionId), keys.subscribers(uri), keys.subscriptions(sessionId)), sessionId,
                uri));
        if (done == null || done < 0) {
            throw new SessionClosedException(sessionId);
        }
    }

    @Override
    public boolean unsubscribe(String sessionId, String uri) {
        Long removed = RedisCalls.run(() -> redis.execute(RedisScripts.UNSUBSCRIBE,
                List.of(keys.session(sessionId), keys.subscribers(uri), keys.subscriptions(sessionId)), sessionId,
                uri));
        return removed != null && removed > 0;
    }

    /** Counts the session's {@code sub:} fields: a subscription is rare enough for a scan of its hash. */
    @Override
    public int subscriptionCount(String sessionId) {
        return RedisCalls.run(() -> {
            int count = 0;
            try (Cursor<Map.Entry<String, String>> fields = redis.<String, String>opsForHash()
                .scan(keys.session(sessionId), ScanOptions.scanOptions().match("sub:*").count(1_000).build())) {
                while (fields.hasNext()) {
                    fields.next();
                    count++;
                }
            }
            return count;
        });
    }

    @Override
    public void sendToSubscribers(String uri, JsonRpcMessage message) {
        bus.broadcastQuietly(new ClusterMessage(ClusterMessage.Type.SUBSCRIBERS, nodeId, null, null, null, null, null, null,
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
        ClusterMessage answer = new ClusterMessage(ClusterMessage.Type.RESPONSE, nodeId, sessionId, null, null, token,
                null, null, codec.toTree(response), null);
        String owner = RedisCalls.run(() -> redis.execute(RedisScripts.ROUTE, List.of(keys.call(sessionId, token)), nodeId,
                bus.json(answer), keys.channelPrefix(), "1"));
        if (owner == null || owner.isEmpty()) {
            // no route: none waits for it, or its route expired while Redis stalled longer than the instances'
            // time-to-live (renewed at the next heartbeat); every instance hears it, and one that waits takes it
            bus.broadcastQuietly(answer);
            return false;
        }
        return !owner.equals(nodeId);
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
        List<?> registered = RedisCalls.run(() -> redis.execute(RedisScripts.REGISTER, scriptKeys, nodeId,
                Long.toString(nodeTtlMillis), Long.toString(idleMillis), Long.toString(now + idleMillis), sessionId,
                RedisSession.GENERATION));
        long status = registered == null || registered.isEmpty() ? -1 : ((Number) registered.get(0)).longValue();
        if (status < 0) {
            closeHere(sessionId); // closed or expired elsewhere
            throw new SessionClosedException(sessionId);
        }
        if (status == 0 || !local.addInFlight(token, cancel)) {
            throw new DuplicateRequestIdException(requestId);
        }
        if (local.session().isOlderThan(((Number) registered.get(1)).longValue())) {
            // changed on another instance, whose announcement has not arrived yet: the request must see the change
            local.session().load(RedisCalls.run(() -> redis.<String, String>opsForHash()
                .entries(keys.session(sessionId))));
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
        String owner = RedisCalls.run(() -> redis.execute(RedisScripts.ROUTE, List.of(keys.inFlight(sessionId, token)), nodeId,
                bus.json(new ClusterMessage(ClusterMessage.Type.CANCEL, nodeId, sessionId, null, null, token, null,
                        null, null, reason)),
                keys.channelPrefix(), "0"));
        return owner != null && !owner.isEmpty() && !owner.equals(nodeId);
    }

    // ---------------------------------------------------------------- messages from other instances

    private void receive(ClusterMessage message) {
        switch (message.type()) {
            case SEND -> streams.receive(message);
            case SEND_ALL -> {
                JsonRpcMessage notification = codec.toMessage(message.message());
                streams.sendToOwnedStandaloneStreams(notification);
                notifyListeners(notification);
            }
            case SUBSCRIBERS -> notifyListeners(codec.toMessage(message.message()));
            case ATTACH, ATTACHED, EVENT, CLOSE, DETACH -> streams.receive(message);
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
            List<String> peerList = new ArrayList<>(streams.peers());
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
                        commands.eval(RedisScripts.RENEW_OWNER, ReturnType.INTEGER, 1, keys.standaloneOwner(id), nodeId,
                                Long.toString(nodeTtlMillis));
                        index++;
                    }
                    // set, not only renewed: a key that expired while Redis stalled longer than the node time-to-live
                    // is back, so that the client's answer (or cancellation) reaching another instance still finds
                    // its way here
                    for (String token : local.inFlightTokens()) {
                        commands.pSetEx(keys.inFlight(id, token), nodeTtlMillis, nodeId);
                        index++;
                    }
                    for (String token : local.pendingTokens()) {
                        commands.pSetEx(keys.call(id, token), nodeTtlMillis, nodeId);
                        index++;
                    }
                }
                return null;
            });
            for (int i = 0; i < peerList.size(); i++) {
                Object alive = results.get(peerStart + i);
                if (Boolean.FALSE.equals(alive) || Long.valueOf(0).equals(alive)) {
                    streams.peerGone(peerList.get(i));
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
        try {
            sweepExpired();
        }
        catch (RuntimeException ex) {
            logger.debug("Sweeping expired MCP sessions in Redis failed: " + ex.getMessage());
        }
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
        streams.close();
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
}
