package dev.mcpspring.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcMessage;

/**
 * The default {@link EventStore}: events in this JVM's memory, bounded three ways.
 * <ul>
 * <li>at most {@code maxEventsPerStream} events per stream; the oldest go first;</li>
 * <li>an event is dropped {@code ttl} after it was stored, and a stream with nothing left is forgotten;</li>
 * <li>at most {@code maxStreamsPerSession} streams per session; beyond it the stream idle longest goes, ended
 * streams before running ones.</li>
 * </ul>
 * Streams of a closed session are removed by the session manager. Expired events of a stream are dropped whenever
 * the stream is touched, and those of every stream (with the streams left empty) by {@link #evictExpired()}, which
 * the in-memory session manager calls periodically; appending costs the same however many streams a session has.
 */
public class InMemoryEventStore implements EventStore {

    private final int maxEventsPerStream;

    private final long ttlNanos;

    private final int maxStreamsPerSession;

    private final LongSupplier clock;

    private final Map<String, SessionLog> sessions = new ConcurrentHashMap<>();

    /**
     * @param maxEventsPerStream   events kept per stream (at least 1)
     * @param ttl                  how long an event is kept (positive)
     * @param maxStreamsPerSession streams kept per session (at least 1)
     */
    public InMemoryEventStore(int maxEventsPerStream, Duration ttl, int maxStreamsPerSession) {
        this(maxEventsPerStream, ttl, maxStreamsPerSession, System::nanoTime);
    }

    InMemoryEventStore(int maxEventsPerStream, Duration ttl, int maxStreamsPerSession, LongSupplier nanoClock) {
        if (maxEventsPerStream < 1) {
            throw new IllegalArgumentException("max events per stream must be at least 1: " + maxEventsPerStream);
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the event time-to-live must be positive: " + ttl);
        }
        if (maxStreamsPerSession < 1) {
            throw new IllegalArgumentException("max streams per session must be at least 1: " + maxStreamsPerSession);
        }
        this.maxEventsPerStream = maxEventsPerStream;
        this.ttlNanos = ttl.toNanos();
        this.maxStreamsPerSession = maxStreamsPerSession;
        this.clock = nanoClock;
    }

    @Override
    public void append(String sessionId, String streamId, long sequence, @Nullable JsonRpcMessage message) {
        while (true) {
            SessionLog log = sessions.computeIfAbsent(sessionId, id -> new SessionLog());
            synchronized (log) {
                if (log.removed) {
                    continue; // removed between the look-up and the lock: take the new one
                }
                long now = clock.getAsLong();
                StreamLog stream = log.streams.remove(streamId);
                if (stream == null) {
                    log.makeRoom();
                    stream = new StreamLog();
                }
                log.streams.put(streamId, stream); // to the end: the streams are kept in order of their last append
                stream.evictExpired(now);
                stream.append(sequence, message, now);
                return;
            }
        }
    }

    @Override
    public void terminate(String sessionId, String streamId) {
        SessionLog log = sessions.get(sessionId);
        if (log != null) {
            synchronized (log) {
                StreamLog stream = log.streams.get(streamId);
                if (stream != null) {
                    stream.terminated = true;
                }
            }
        }
    }

    @Override
    public Optional<Replay> replayAfter(String sessionId, String streamId, long sequence) {
        SessionLog log = sessions.get(sessionId);
        if (log == null) {
            return Optional.empty();
        }
        synchronized (log) {
            StreamLog stream = log.unexpired(streamId, clock.getAsLong());
            return stream == null ? Optional.empty() : stream.replayAfter(sequence);
        }
    }

    @Override
    public void removeSession(String sessionId) {
        SessionLog log = sessions.remove(sessionId);
        if (log != null) {
            synchronized (log) {
                log.removed = true;
                log.streams.clear();
            }
        }
    }

    @Override
    public void evictExpired() {
        long now = clock.getAsLong();
        sessions.forEach((sessionId, log) -> {
            synchronized (log) {
                log.evictExpired(now);
                if (log.streams.isEmpty()) {
                    log.removed = true;
                    sessions.remove(sessionId, log);
                }
            }
        });
    }

    /** How many events the store holds now, over all sessions and streams. */
    public int size() {
        int size = 0;
        for (SessionLog log : sessions.values()) {
            synchronized (log) {
                for (StreamLog stream : log.streams.values()) {
                    size += stream.events.size();
                }
            }
        }
        return size;
    }

    /** How many streams the store holds for a session. */
    public int streamCount(String sessionId) {
        SessionLog log = sessions.get(sessionId);
        if (log == null) {
            return 0;
        }
        synchronized (log) {
            return log.streams.size();
        }
    }

    /** The streams of one session, in order of their last append (the longest idle first). */
    private final class SessionLog {

        final Map<String, StreamLog> streams = new LinkedHashMap<>();

        boolean removed;

        void evictExpired(long now) {
            Iterator<StreamLog> it = streams.values().iterator();
            while (it.hasNext()) {
                if (it.next().isExpired(now)) {
                    it.remove();
                }
            }
        }

        /** The stream with its expired events dropped, or {@code null} when it is unknown or has expired. */
        @Nullable StreamLog unexpired(String streamId, long now) {
            StreamLog stream = streams.get(streamId);
            if (stream != null && stream.isExpired(now)) {
                streams.remove(streamId);
                return null;
            }
            return stream;
        }

        /**
         * Removes a stream when the session is at its limit: the longest idle ended one, else the longest idle.
         * The streams are in order of their last append, so that is the first ended one, usually the very first.
         */
        void makeRoom() {
            while (streams.size() >= maxStreamsPerSession) {
                String victim = streams.keySet().iterator().next();
                for (Map.Entry<String, StreamLog> entry : streams.entrySet()) {
                    if (entry.getValue().terminated) {
                        victim = entry.getKey();
                        break;
                    }
                }
                streams.remove(victim);
            }
        }
    }

    /** The kept events of one stream. */
    private final class StreamLog {

        final ArrayDeque<Stored> events = new ArrayDeque<>();

        /** The highest sequence ever appended; events up to it may have been dropped. */
        long highest = -1;

        long lastAppendNanos;

        boolean terminated;

        void append(long sequence, @Nullable JsonRpcMessage message, long now) {
            if (events.size() >= maxEventsPerStream) {
                events.pollFirst();
            }
            events.addLast(new Stored(sequence, message, now));
            highest = Math.max(highest, sequence);
            lastAppendNanos = now;
        }

        void evictExpired(long now) {
            while (!events.isEmpty() && now - events.peekFirst().storedNanos > ttlNanos) {
                events.pollFirst();
            }
        }

        /** Drops the expired events; whether nothing is left and nothing was appended for the ttl. */
        boolean isExpired(long now) {
            evictExpired(now);
            return events.isEmpty() && now - lastAppendNanos > ttlNanos;
        }

        Optional<Replay> replayAfter(long sequence) {
            if (sequence < 0 || sequence > highest) {
                return Optional.empty(); // never sent on this stream
            }
            if (sequence < highest && (events.isEmpty() || events.peekFirst().sequence > sequence + 1)) {
                return Optional.empty(); // the next event is gone: replaying the rest would lose it silently
            }
            List<StoredEvent> after = new ArrayList<>();
            for (Stored event : events) {
                if (event.sequence > sequence) {
                    after.add(new StoredEvent(event.sequence, event.message));
                }
            }
            return Optional.of(new Replay(after, terminated));
        }
    }

    private record Stored(long sequence, @Nullable JsonRpcMessage message, long storedNanos) {
    }
}
