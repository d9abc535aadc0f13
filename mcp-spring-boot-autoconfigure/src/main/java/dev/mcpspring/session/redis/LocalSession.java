package dev.mcpspring.session.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionManager.Activity;
import dev.mcpspring.session.SessionManager.Cancellation;
import dev.mcpspring.session.internal.SessionStream;

/**
 * What one instance holds of a session kept in Redis: its state as last loaded, the work running here (requests
 * being handled, requests sent to the client and waiting for its answer), the streams this instance owns, and
 * whether anything here keeps the session alive. The state itself is in Redis; this is a cache of it plus what
 * only this JVM can hold.
 */
final class LocalSession {

    private final RedisSession session;

    /** Requests being handled and connections open here. */
    private final AtomicInteger active = new AtomicInteger();

    /** Set when work ended here since the last heartbeat, which then renews the session's expiry. */
    private final AtomicBoolean touched = new AtomicBoolean(true);

    private volatile long lastUsedMillis = System.currentTimeMillis();

    // guarded by this; the maps are created on first use

    private @Nullable SessionStream standalone;

    private @Nullable Map<String, SessionStream> requestStreams;

    private @Nullable Map<String, CompletableFuture<JsonRpcMessage>> pending;

    private @Nullable Map<String, Consumer<Cancellation>> inFlight;

    private boolean closed;

    LocalSession(RedisSession session) {
        this.session = session;
    }

    RedisSession session() {
        return session;
    }

    String id() {
        return session.id();
    }

    void used() {
        lastUsedMillis = System.currentTimeMillis();
    }

    long lastUsedMillis() {
        return lastUsedMillis;
    }

    Activity begin() {
        synchronized (this) {
            if (closed) {
                throw new SessionClosedException(id());
            }
        }
        active.incrementAndGet();
        used();
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                active.decrementAndGet();
                touched.set(true);
                used();
            }
        };
    }

    /** Whether work ran here since the last call: the session's expiry must be renewed. */
    boolean takeTouched() {
        return active.get() > 0 | touched.getAndSet(false);
    }

    /** Marks the session as worked for, so the next heartbeat renews its expiry. */
    void touch() {
        touched.set(true);
    }

    /** Whether this instance holds anything of the session besides its cached state. */
    synchronized boolean holdsAnything() {
        return active.get() > 0 || standalone != null || requestStreams != null || pending != null
                || inFlight != null;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized @Nullable SessionStream standalone() {
        return standalone;
    }

    /** The standalone stream this instance owns, made with {@code factory} if it has none yet. */
    synchronized SessionStream standalone(Supplier<SessionStream> factory) {
        if (closed) {
            throw new SessionClosedException(id());
        }
        if (standalone == null || !standalone.isOpen()) {
            standalone = factory.get();
        }
        return standalone;
    }

    /**
     * Lets go of the standalone stream, which another instance owns now: the client's connection closes, and the
     * client reconnects to whichever instance it reaches, which sends it to the owner.
     */
    void releaseStandalone() {
        SessionStream released;
        synchronized (this) {
            released = standalone;
            standalone = null;
        }
        if (released != null && !released.closeConnection()) {
            released.close();
        }
    }

    synchronized void addRequestStream(SessionStream stream) {
        if (closed) {
            throw new SessionClosedException(id());
        }
        if (requestStreams == null) {
            requestStreams = new HashMap<>(4);
        }
        requestStreams.put(stream.streamId(), stream);
        stream.onTerminate(() -> removeRequestStream(stream));
    }

    private synchronized void removeRequestStream(SessionStream stream) {
        requestStreams = removeDroppingEmpty(requestStreams, stream.streamId(), stream);
    }

    synchronized @Nullable SessionStream requestStream(String streamId) {
        return requestStreams == null ? null : requestStreams.get(streamId);
    }

    synchronized boolean addPending(String token, CompletableFuture<JsonRpcMessage> future) {
        if (closed) {
            return false;
        }
        if (pending == null) {
            pending = new HashMap<>(4);
        }
        pending.put(token, future);
        return true;
    }

    synchronized @Nullable CompletableFuture<JsonRpcMessage> takePending(String token) {
        CompletableFuture<JsonRpcMessage> future = pending == null ? null : pending.get(token);
        pending = removeDroppingEmpty(pending, token, future);
        return future;
    }

    synchronized List<String> pendingTokens() {
        return pending == null ? List.of() : new ArrayList<>(pending.keySet());
    }

    /** Registers a request being handled; {@code false} when one with this id already is. */
    synchronized boolean addInFlight(String token, Consumer<Cancellation> cancel) {
        if (closed) {
            throw new SessionClosedException(id());
        }
        if (inFlight == null) {
            inFlight = new HashMap<>(4);
        }
        return inFlight.putIfAbsent(token, cancel) == null;
    }

    synchronized boolean removeInFlight(String token, Consumer<Cancellation> cancel) {
        boolean present = inFlight != null && inFlight.get(token) == cancel;
        inFlight = removeDroppingEmpty(inFlight, token, cancel);
        return present;
    }

    synchronized @Nullable Consumer<Cancellation> takeInFlight(String token) {
        Consumer<Cancellation> cancel = inFlight == null ? null : inFlight.get(token);
        inFlight = removeDroppingEmpty(inFlight, token, cancel);
        return cancel;
    }

    synchronized List<String> inFlightTokens() {
        return inFlight == null ? List.of() : new ArrayList<>(inFlight.keySet());
    }

    /**
     * Ends everything this instance holds of the session: its streams, the requests it handles (cancelled with
     * {@code reason}) and the calls waiting for the client (failed with {@code failure}).
     *
     * @param endStreams whether the streams end for good (the session closed) or only their connections here
     */
    void shutDown(String reason, RuntimeException failure, boolean endStreams) {
        List<SessionStream> streams = new ArrayList<>();
        Map<String, Consumer<Cancellation>> requests;
        Map<String, CompletableFuture<JsonRpcMessage>> calls;
        synchronized (this) {
            closed = true;
            if (standalone != null) {
                streams.add(standalone);
            }
            if (requestStreams != null) {
                streams.addAll(requestStreams.values());
            }
            requests = inFlight;
            calls = pending;
            inFlight = null;
            pending = null;
        }
        if (endStreams) {
            // nothing is stored from now on (the store forgets the session), but the open connections still
            // carry the -32800 answers of the cancelled requests, so the streams end after them
            streams.forEach(SessionStream::detachStore);
            cancel(requests, reason);
            streams.forEach(SessionStream::close);
        }
        else {
            // the connections close first: the requests' answers wait in the store for the clients that resume
            for (SessionStream stream : streams) {
                if (!stream.closeConnection()) {
                    stream.close();
                }
            }
            cancel(requests, reason);
        }
        if (calls != null) {
            calls.values().forEach(future -> future.completeExceptionally(failure));
        }
    }

    private static void cancel(@Nullable Map<String, Consumer<Cancellation>> requests, String reason) {
        if (requests != null) {
            Cancellation cancellation = new Cancellation(false, reason);
            requests.values().forEach(cancel -> cancel.accept(cancellation));
        }
    }

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
