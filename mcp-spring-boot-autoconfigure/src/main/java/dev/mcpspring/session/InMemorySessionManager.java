package dev.mcpspring.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.internal.PendingRequestKey;
import dev.mcpspring.session.internal.SessionIds;
import dev.mcpspring.session.internal.SessionState;
import dev.mcpspring.session.internal.SessionStream;
import tools.jackson.databind.JsonNode;

/**
 * The default {@link SessionManager}: every session lives in this JVM's memory.
 * <p>
 * A session expires when it has been idle for the configured timeout, idle meaning no request in flight and no
 * open stream; the clock starts when the last of those ends. A single daemon thread sweeps for expired sessions
 * (and for expired events of the {@link EventStore}).
 * <p>
 * Streams: the session's GET stream has the stream id {@value #STANDALONE_STREAM_ID}, the response streams of
 * requests {@code r1}, {@code r2}, ... in the order they open, so event ids read {@code get:7} or {@code r3:0}.
 */
public class InMemorySessionManager implements SessionManager, AutoCloseable {

    /** The stream id of a session's standalone (GET) stream. */
    public static final String STANDALONE_STREAM_ID = "get";

    private static final Log logger = LogFactory.getLog(InMemorySessionManager.class);

    /** A field rather than an AtomicInteger per session: the counter of {@link Entry#active}. */
    private static final AtomicIntegerFieldUpdater<Entry> ACTIVE =
            AtomicIntegerFieldUpdater.newUpdater(Entry.class, "active");

    /** The counter of {@link Entry#subscriptions}. */
    private static final AtomicIntegerFieldUpdater<Entry> SUBSCRIPTIONS =
            AtomicIntegerFieldUpdater.newUpdater(Entry.class, "subscriptions");

    /** Default bounds of the event store when none is given. */
    private static final int DEFAULT_MAX_EVENTS_PER_STREAM = 1_000;

    private static final Duration DEFAULT_EVENT_TTL = Duration.ofMinutes(5);

    private static final int DEFAULT_MAX_STREAMS_PER_SESSION = 64;

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    private final AtomicInteger count = new AtomicInteger();

    /** Session ids by subscribed resource URI. */
    private final Map<String, Set<String>> subscribers = new ConcurrentHashMap<>();

    private final long idleTimeoutNanos;

    private final int maxSessions;

    private final int maxQueuedMessages;

    private final boolean evictIdleOnLimit;

    private final EventStore eventStore;

    private final ScheduledExecutorService sweeper;

    /** Told of every session that ends; empty (and so free) unless something observes sessions. */
    private final List<Consumer<SessionEnd>> endListeners = new CopyOnWriteArrayList<>();

    /**
     * A manager with an {@link InMemoryEventStore} of default bounds (1000 events per stream, kept 5 minutes, 64
     * streams per session).
     *
     * @param idleTimeout       how long a session may stay idle before it expires
     * @param maxSessions       how many sessions may be live at once
     * @param maxQueuedMessages how many messages are kept for a session while it has no open stream
     */
    public InMemorySessionManager(Duration idleTimeout, int maxSessions, int maxQueuedMessages) {
        this(idleTimeout, maxSessions, maxQueuedMessages, new InMemoryEventStore(DEFAULT_MAX_EVENTS_PER_STREAM,
                DEFAULT_EVENT_TTL, DEFAULT_MAX_STREAMS_PER_SESSION));
    }

    /**
     * @param idleTimeout       how long a session may stay idle before it expires
     * @param maxSessions       how many sessions may be live at once
     * @param maxQueuedMessages how many messages are kept for a session while it has no open stream
     * @param eventStore        where the events of the sessions' streams are kept for resumption
     */
    public InMemorySessionManager(Duration idleTimeout, int maxSessions, int maxQueuedMessages,
            EventStore eventStore) {
        this(idleTimeout, maxSessions, maxQueuedMessages, eventStore, false);
    }

    /**
     * @param idleTimeout       how long a session may stay idle before it expires
     * @param maxSessions       how many sessions may be live at once
     * @param maxQueuedMessages how many messages are kept for a session while it has no open stream
     * @param eventStore        where the events of the sessions' streams are kept for resumption
     * @param evictIdleOnLimit  at the session limit, close the least recently active idle session to make room
     *                          instead of refusing the new one
     */
    public InMemorySessionManager(Duration idleTimeout, int maxSessions, int maxQueuedMessages,
            EventStore eventStore, boolean evictIdleOnLimit) {
        this.evictIdleOnLimit = evictIdleOnLimit;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.maxSessions = maxSessions;
        this.maxQueuedMessages = maxQueuedMessages;
        this.eventStore = eventStore;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mcp-session-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(10, Math.min(idleTimeout.toMillis() / 2, 30_000));
        this.sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public McpSession create(@Nullable String principal) {
        while (count.incrementAndGet() > maxSessions) {
            count.decrementAndGet();
            if (!evictIdleOnLimit || !evictLeastRecentlyActiveIdle()) {
                throw new SessionLimitExceededException(maxSessions);
            }
        }
        Entry entry = new Entry(SessionIds.next(), principal);
        sessions.put(entry.id(), entry);
        return entry;
    }

    @Override
    public Optional<McpSession> find(@Nullable String sessionId) {
        return Optional.ofNullable(sessionId == null ? null : sessions.get(sessionId));
    }

    @Override
    public boolean close(@Nullable String sessionId) {
        return close(sessionId, SessionEnd.Reason.CLOSED);
    }

    private boolean close(@Nullable String sessionId, SessionEnd.Reason reason) {
        Entry entry = sessionId == null ? null : sessions.remove(sessionId);
        if (entry == null) {
            return false;
        }
        subscribers.keySet().forEach(uri -> unsubscribe(sessionId, uri));
        entry.shutDown();
        count.decrementAndGet(); // after its requests are cancelled: a count of 0 means every session is closed
        eventStore.removeSession(sessionId);
        if (!endListeners.isEmpty()) {
            SessionEnd end = new SessionEnd(sessionId, entry.protocolVersion(),
                    Duration.ofNanos(System.nanoTime() - entry.createdNanos), reason);
            for (Consumer<SessionEnd> listener : endListeners) {
                try {
                    listener.accept(end);
                }
                catch (RuntimeException ex) {
                    logger.warn("A listener of MCP session ends failed", ex);
                }
            }
        }
        return true;
    }

    @Override
    public int sessionCount() {
        return count.get();
    }

    @Override
    public void onSessionEnd(Consumer<SessionEnd> listener) {
        endListeners.add(listener);
    }

    @Override
    public Activity beginActivity(String sessionId) {
        return require(sessionId).begin();
    }

    @Override
    public Activity openStandaloneStream(String sessionId, MessageSink stream) {
        Entry entry = require(sessionId);
        return entry.attach(stream);
    }

    @Override
    public EventStore eventStore() {
        return eventStore;
    }

    @Override
    public MessageSink openRequestStream(String sessionId, MessageSink connection) {
        SessionStream stream = require(sessionId).openRequestStream();
        stream.attach(connection);
        return stream;
    }

    @Override
    public Activity resumeStream(String sessionId, String lastEventId, MessageSink connection) {
        Entry entry = require(sessionId);
        EventId eventId = EventId.parse(lastEventId).orElseThrow(() -> new UnknownEventIdException(lastEventId));
        SessionStream live = entry.liveStream(eventId.streamId());
        Activity activity = entry.begin();
        try {
            if (live != null) {
                live.resume(connection, eventId.sequence(), lastEventId);
                return () -> {
                    live.detach(connection);
                    activity.close();
                };
            }
            replayEnded(sessionId, eventId, lastEventId, connection);
            return activity;
        }
        catch (RuntimeException ex) {
            activity.close();
            throw ex;
        }
    }

    /** Resumes a stream no longer open in this JVM (a request that has answered): replays it, then ends it. */
    private void replayEnded(String sessionId, EventId eventId, String lastEventId, MessageSink connection) {
        EventStore.Replay replay = eventStore.replayAfter(sessionId, eventId.streamId(), eventId.sequence())
            .orElseThrow(() -> new UnknownEventIdException(lastEventId));
        if (connection.sendAll(eventId.streamId(), replay.events())) {
            connection.close();
        }
    }

    @Override
    public boolean sendToSession(String sessionId, JsonRpcMessage message) {
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            return false;
        }
        entry.deliver(message);
        return true;
    }

    @Override
    public void endStandaloneStreams() {
        sessions.values().forEach(entry -> entry.standalone.close());
    }

    @Override
    public void sendToAll(JsonRpcMessage message) {
        sessions.values().forEach(entry -> entry.deliver(message));
    }

    /**
     * {@inheritDoc}
     * <p>
     * The set of a URI is changed only inside {@code compute} on its key, so a subscription added while another
     * session's unsubscribe drops the emptied set is never lost with it.
     *
     * @throws SessionClosedException when the session is closed or expired, even if that happens concurrently
     */
    @Override
    public void subscribe(String sessionId, String uri) {
        Entry entry = require(sessionId);
        subscribers.compute(uri, (key, ids) -> {
            Set<String> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            if (set.add(entry.id())) {
                SUBSCRIPTIONS.incrementAndGet(entry);
            }
            return set;
        });
        if (sessions.get(sessionId) != entry) { // closed meanwhile: its close() may have swept this URI already
            unsubscribe(sessionId, uri);
            throw new SessionClosedException(sessionId);
        }
    }

    @Override
    public boolean unsubscribe(String sessionId, String uri) {
        boolean[] removed = new boolean[1];
        subscribers.computeIfPresent(uri, (key, ids) -> {
            removed[0] = ids.remove(sessionId);
            return ids.isEmpty() ? null : ids;
        });
        Entry entry = sessions.get(sessionId);
        if (removed[0] && entry != null) {
            SUBSCRIPTIONS.decrementAndGet(entry);
        }
        return removed[0];
    }

    @Override
    public int subscriptionCount(String sessionId) {
        Entry entry = sessions.get(sessionId);
        return entry == null ? 0 : entry.subscriptions;
    }

    @Override
    public void sendToSubscribers(String uri, JsonRpcMessage message) {
        Set<String> ids = subscribers.get(uri);
        if (ids != null) {
            ids.forEach(id -> sendToSession(id, message));
        }
    }

    @Override
    public CompletableFuture<JsonRpcMessage> expectResponse(String sessionId, JsonNode requestId) {
        CompletableFuture<JsonRpcMessage> future = new CompletableFuture<>();
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            future.completeExceptionally(new SessionClosedException(sessionId));
            return future;
        }
        if (!entry.addPending(PendingRequestKey.of(requestId), future)) {
            future.completeExceptionally(new SessionClosedException(sessionId));
        }
        return future;
    }

    @Override
    public boolean deliverResponse(String sessionId, JsonRpcMessage response) {
        Entry entry = sessions.get(sessionId);
        JsonNode id = response instanceof JsonRpcMessage.Response ok ? ok.id()
                : response instanceof JsonRpcMessage.ErrorResponse error ? error.id() : null;
        if (entry == null || id == null || id.isNull()) {
            return false;
        }
        CompletableFuture<JsonRpcMessage> future = entry.takePending(PendingRequestKey.of(id));
        return future != null && future.complete(response);
    }

    @Override
    public void forgetPending(String sessionId, JsonNode requestId) {
        Entry entry = sessions.get(sessionId);
        if (entry != null) {
            entry.takePending(PendingRequestKey.of(requestId));
        }
    }

    @Override
    public Activity registerInFlight(String sessionId, JsonNode requestId, Consumer<Cancellation> cancel) {
        Entry entry = require(sessionId);
        PendingRequestKey key = PendingRequestKey.of(requestId);
        if (!entry.addInFlight(key, cancel)) {
            throw new DuplicateRequestIdException(requestId);
        }
        return () -> entry.removeInFlight(key, cancel);
    }

    @Override
    public boolean cancelInFlight(String sessionId, JsonNode requestId, String reason) {
        Entry entry = sessions.get(sessionId);
        Consumer<Cancellation> cancel = entry == null ? null : entry.takeInFlight(PendingRequestKey.of(requestId));
        if (cancel == null) {
            return false;
        }
        cancel.accept(new Cancellation(true, reason));
        return true;
    }

    /** Closes every session and stops the expiry thread. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        sessions.keySet().forEach(id -> close(id, SessionEnd.Reason.SHUTDOWN));
    }

    private void sweep() {
        expireIdleSessions();
        try {
            eventStore.evictExpired();
        }
        catch (RuntimeException ex) {
            logger.warn("Evicting expired events of MCP streams failed", ex);
        }
    }

    /**
     * Closes the idle session (initialized, no request in flight, no open stream) that has been idle longest. One
     * scan over the sessions, only when the limit is hit; claiming it is atomic with {@code begin()}, so a session
     * that a request is starting on is never evicted.
     *
     * @return whether a session was evicted (or another thread freed a slot meanwhile)
     */
    private boolean evictLeastRecentlyActiveIdle() {
        for (int attempt = 0; attempt < 3; attempt++) {
            Entry oldest = null;
            for (Entry entry : sessions.values()) {
                if (entry.isIdle() && (oldest == null || entry.lastActiveNanos - oldest.lastActiveNanos < 0)) {
                    oldest = entry;
                }
            }
            if (oldest == null) {
                return count.get() < maxSessions;
            }
            if (oldest.claimIdle()) {
                if (close(oldest.id(), SessionEnd.Reason.EVICTED)) {
                    logger.info("MCP session limit of " + maxSessions + " reached: evicted the least recently "
                            + "active idle session");
                }
                return true;
            }
        }
        return count.get() < maxSessions;
    }

    void expireIdleSessions() {
        long now = System.nanoTime();
        sessions.values().forEach(entry -> {
            if (entry.tryExpire(now, idleTimeoutNanos) && close(entry.id(), SessionEnd.Reason.EXPIRED)) {
                logger.debug("MCP session " + entry.id() + " expired after being idle");
            }
        });
    }

    private Entry require(String sessionId) {
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            throw new SessionClosedException(sessionId);
        }
        return entry;
    }

    /**
     * A session and what this JVM tracks for it. Idle sessions are most of a server's sessions, so an idle one
     * holds only its fields and its GET stream: its tables of requests exist only while they hold something.
     */
    private final class Entry extends SessionState {

        /** Requests in flight plus open streams; -1 once expired, after which nothing can begin. Through ACTIVE. */
        private volatile int active;

        private volatile long lastActiveNanos = System.nanoTime();

        private final long createdNanos = lastActiveNanos;

        /** The GET stream; it lives as long as the session, whichever connections carry it. */
        private final SessionStream standalone;

        /** How many resources the session is subscribed to. Through SUBSCRIPTIONS. */
        private volatile int subscriptions;

        // Guarded by this. Each table is created when it gets its first entry and dropped when its last leaves.

        /** Requests this server sent to the client, waiting for its response. */
        private @Nullable Map<PendingRequestKey, CompletableFuture<JsonRpcMessage>> pending;

        /** The client's requests being handled, with how to cancel each. */
        private @Nullable Map<PendingRequestKey, Consumer<Cancellation>> inFlight;

        /** The response streams of requests still being answered, by stream id. */
        private @Nullable Map<String, SessionStream> requestStreams;

        private long streamCount;

        private boolean closed;

        Entry(String id, @Nullable String principal) {
            super(id, principal);
            this.standalone = new SessionStream(this, STANDALONE_STREAM_ID, eventStore, maxQueuedMessages);
        }

        Activity begin() {
            int current;
            do {
                current = active;
                if (current < 0) {
                    throw new SessionClosedException(id());
                }
            }
            while (!ACTIVE.compareAndSet(this, current, current + 1));
            AtomicBoolean ended = new AtomicBoolean();
            return () -> {
                if (ended.compareAndSet(false, true)) {
                    lastActiveNanos = System.nanoTime();
                    ACTIVE.decrementAndGet(this);
                }
            };
        }

        /** No request in flight, no open stream, and initialized (a session whose initialize runs is not idle). */
        boolean isIdle() {
            return active == 0 && isInitialized();
        }

        /** Marks an idle session expired, so nothing can begin on it; atomic with {@link #begin()}. */
        boolean claimIdle() {
            return ACTIVE.compareAndSet(this, 0, -1);
        }

        /** Marks the session expired when it has been idle too long; atomic with {@link #begin()}. */
        boolean tryExpire(long now, long timeoutNanos) {
            return now - lastActiveNanos > timeoutNanos && claimIdle();
        }

        synchronized Activity attach(MessageSink sink) {
            if (standalone.hasOpenConnection()) {
                throw new StreamConflictException(id());
            }
            Activity activity = begin();
            standalone.attach(sink);
            if (!standalone.isOpen()) { // ended by endStandaloneStreams(): the server is shutting down
                sink.close();
            }
            return () -> {
                standalone.detach(sink);
                activity.close();
            };
        }

        void deliver(JsonRpcMessage message) {
            standalone.send(message);
        }

        synchronized SessionStream openRequestStream() {
            if (closed) {
                throw new SessionClosedException(id());
            }
            String streamId = "r" + (++streamCount);
            SessionStream stream = new SessionStream(this, streamId, eventStore, 0);
            stream.onTerminate(() -> removeRequestStream(streamId, stream));
            if (requestStreams == null) {
                requestStreams = new HashMap<>(4);
            }
            requestStreams.put(streamId, stream);
            return stream;
        }

        private synchronized void removeRequestStream(String streamId, SessionStream stream) {
            requestStreams = removeDroppingEmpty(requestStreams, streamId, stream);
        }

        /** The stream of this id that is still open in this JVM, or {@code null}. */
        @Nullable SessionStream liveStream(String streamId) {
            if (STANDALONE_STREAM_ID.equals(streamId)) {
                return standalone;
            }
            synchronized (this) {
                return requestStreams == null ? null : requestStreams.get(streamId);
            }
        }

        /**
         * Registers a client request being handled.
         *
         * @return {@code false} when a request with the same id is already being handled
         * @throws SessionClosedException when the session has closed
         */
        synchronized boolean addInFlight(PendingRequestKey key, Consumer<Cancellation> cancel) {
            if (closed) {
                throw new SessionClosedException(id());
            }
            if (inFlight == null) {
                inFlight = new HashMap<>(4);
            }
            return inFlight.putIfAbsent(key, cancel) == null;
        }

        /** Unregisters a request that ended, unless another one with its id took its place. */
        synchronized void removeInFlight(PendingRequestKey key, Consumer<Cancellation> cancel) {
            inFlight = removeDroppingEmpty(inFlight, key, cancel);
        }

        /** Unregisters the request with this id and returns how to cancel it, or {@code null} when none. */
        synchronized @Nullable Consumer<Cancellation> takeInFlight(PendingRequestKey key) {
            Consumer<Cancellation> cancel = inFlight == null ? null : inFlight.get(key);
            inFlight = removeDroppingEmpty(inFlight, key, cancel);
            return cancel;
        }

        /** Registers a request sent to the client; {@code false} when the session has closed. */
        synchronized boolean addPending(PendingRequestKey key, CompletableFuture<JsonRpcMessage> future) {
            if (closed) {
                return false;
            }
            if (pending == null) {
                pending = new HashMap<>(4);
            }
            pending.put(key, future);
            return true;
        }

        /** Stops waiting for the response with this id; returns its future, or {@code null} when none. */
        synchronized @Nullable CompletableFuture<JsonRpcMessage> takePending(PendingRequestKey key) {
            CompletableFuture<JsonRpcMessage> future = pending == null ? null : pending.get(key);
            pending = removeDroppingEmpty(pending, key, future);
            return future;
        }

        void shutDown() {
            List<SessionStream> streams;
            Map<PendingRequestKey, Consumer<Cancellation>> requests;
            Map<PendingRequestKey, CompletableFuture<JsonRpcMessage>> calls;
            synchronized (this) {
                closed = true; // nothing is registered from now on
                streams = requestStreams == null ? List.of() : List.copyOf(requestStreams.values());
                requests = inFlight;
                calls = pending;
                inFlight = null;
                pending = null;
            }
            // no event is stored once this returns, so the store can forget the session for good
            streams.forEach(SessionStream::detachStore);
            standalone.detachStore();
            standalone.close();
            // cancel the requests being handled before their waits end, so each answers "cancelled" (-32800)
            // rather than whatever its tool makes of the failed wait
            if (requests != null) {
                Cancellation closing = new Cancellation(false, "the session was closed");
                requests.values().forEach(cancel -> cancel.accept(closing));
            }
            if (calls != null) {
                SessionClosedException closed = new SessionClosedException(id());
                calls.values().forEach(future -> future.completeExceptionally(closed));
            }
        }
    }

    /**
     * Removes {@code key} from {@code map} if it maps to {@code value} (and {@code value} is not null).
     *
     * @return the map, or {@code null} when it is {@code null} or has become empty
     */
    private static <K, V> @Nullable Map<K, V> removeDroppingEmpty(@Nullable Map<K, V> map, K key,
            @Nullable V value) {
        if (map == null) {
            return null;
        }
        if (value != null) {
            map.remove(key, value);
        }
        return map.isEmpty() ? null : map;
    }
}
