package dev.mcpspring.session.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.EventStore;

/**
 * Keeps the SSE events of the sessions' streams in Redis, so a stream written by one instance can be resumed on
 * another: one Redis stream per SSE stream, whose entry ids are {@code <sequence>-1}, trimmed to the newest
 * {@code maxEventsPerStream} events, expiring {@code ttl} after its last event; a session keeps at most
 * {@code maxStreamsPerSession} streams (the oldest is dropped). The same bounds as the in-memory store.
 */
public final class RedisEventStore implements EventStore {

    /** Appends one event, trims the stream, renews the expiry, and drops the session's oldest streams beyond the limit. */
    private static final RedisScript<Long> APPEND = RedisScript.of("""
            redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[3], ARGV[1], 'm', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[6], ARGV[5])
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[7])
            if extra > 0 then
              local old = redis.call('ZPOPMIN', KEYS[2], extra)
              for i = 1, #old, 2 do
                redis.call('DEL', ARGV[8] .. old[i])
                redis.call('SREM', KEYS[3], old[i])
              end
            end
            return 1
            """, Long.class);

    /** The entries from the client's last event on, and whether the stream has ended: {ended, id, data, id, data...}. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> RANGE = RedisScript.of("""
            local out = { redis.call('SISMEMBER', KEYS[2], ARGV[2]) }
            for _, entry in ipairs(redis.call('XRANGE', KEYS[1], ARGV[1], '+')) do
              out[#out + 1] = entry[1]
              out[#out + 1] = entry[2][2]
            end
            return out
            """, List.class);

    private static final RedisScript<Long> REMOVE_SESSION = RedisScript.of("""
            for _, stream in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              redis.call('DEL', ARGV[1] .. stream)
            end
            redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    private final RedisKeys keys;

    private final JsonRpcCodec codec;

    private final int maxEventsPerStream;

    private final Duration ttl;

    private final int maxStreamsPerSession;

    /**
     * @param redis                the connection to Redis
     * @param keyPrefix            the prefix of the keys, as for the session manager
     * @param codec                reads and writes the messages
     * @param maxEventsPerStream   how many events of one stream are kept
     * @param ttl                  how long a stream's events are kept after its last event
     * @param maxStreamsPerSession how many streams of one session are kept
     */
    public RedisEventStore(StringRedisTemplate redis, String keyPrefix, JsonRpcCodec codec, int maxEventsPerStream,
            Duration ttl, int maxStreamsPerSession) {
        this.redis = redis;
        this.keys = new RedisKeys(keyPrefix);
        this.codec = codec;
        this.maxEventsPerStream = maxEventsPerStream;
        this.ttl = ttl;
        this.maxStreamsPerSession = maxStreamsPerSession;
    }

    @Override
    public void append(String sessionId, String streamId, long sequence, @Nullable JsonRpcMessage message) {
        String data = message == null ? "" : new String(codec.write(message), StandardCharsets.UTF_8);
        RedisCalls.run(() -> redis.execute(APPEND,
                List.of(keys.events(sessionId, streamId), keys.eventStreams(sessionId), keys.endedStreams(sessionId)),
                entryId(sequence), data, Integer.toString(maxEventsPerStream), Long.toString(ttl.toMillis()),
                streamId, Long.toString(System.currentTimeMillis()), Integer.toString(maxStreamsPerSession),
                keys.eventsPrefix(sessionId)));
    }

    @Override
    public void terminate(String sessionId, String streamId) {
        RedisCalls.run(() -> {
            redis.opsForSet().add(keys.endedStreams(sessionId), streamId);
            return redis.expire(keys.endedStreams(sessionId), ttl);
        });
    }

    /** Records which requests a request stream answers (a JSON array of their ids). */
    void recordRequests(String sessionId, String streamId, String requestIds) {
        RedisCalls.run(() -> {
            redis.opsForHash().put(keys.streamRequests(sessionId), streamId, requestIds);
            return redis.expire(keys.streamRequests(sessionId), ttl);
        });
    }

    /** The JSON array of the ids of the requests a request stream answers, or {@code null}. */
    @Nullable String requestsOf(String sessionId, String streamId) {
        return RedisCalls.run(() -> redis.<String, String>opsForHash().get(keys.streamRequests(sessionId), streamId));
    }

    /** Forgets that the stream ended: a new instance carries it on (a standalone stream whose owner is gone). */
    void reopen(String sessionId, String streamId) {
        RedisCalls.run(() -> redis.opsForSet().remove(keys.endedStreams(sessionId), streamId));
    }

    @Override
    public Optional<Replay> replayAfter(String sessionId, String streamId, long sequence) {
        List<?> reply = RedisCalls.run(() -> redis.execute(RANGE,
                List.of(keys.events(sessionId, streamId), keys.endedStreams(sessionId)), entryId(sequence), streamId));
        if (reply == null || reply.size() < 3 || !entryId(sequence).equals(reply.get(1))) {
            return Optional.empty(); // the client's last event is gone, so what followed may be too
        }
        List<StoredEvent> events = new ArrayList<>((reply.size() - 3) / 2);
        long expected = sequence + 1;
        for (int i = 3; i + 1 < reply.size(); i += 2) {
            long stored = sequenceOf((String) reply.get(i));
            if (stored != expected++) {
                return Optional.empty();
            }
            events.add(new StoredEvent(stored, read((String) reply.get(i + 1))));
        }
        return Optional.of(new Replay(events, Long.valueOf(1).equals(reply.get(0))));
    }

    /** The sequence the next event of a stream gets: one after the last one kept, 0 when none is. */
    long nextSequence(String sessionId, String streamId) {
        return RedisCalls.run(() -> {
            var last = redis.opsForStream().reverseRange(keys.events(sessionId, streamId), Range.unbounded(),
                    Limit.limit().count(1));
            return last == null || last.isEmpty() ? 0L : sequenceOf(last.get(0).getId().getValue()) + 1;
        });
    }

    @Override
    public void removeSession(String sessionId) {
        RedisCalls.run(() -> redis.execute(REMOVE_SESSION,
                List.of(keys.eventStreams(sessionId), keys.endedStreams(sessionId), keys.streamRequests(sessionId)),
                keys.eventsPrefix(sessionId)));
    }

    private JsonRpcMessage read(String data) {
        return data.isEmpty() ? null : codec.toMessage(codec.readTree(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static String entryId(long sequence) {
        return sequence + "-1";
    }

    private static long sequenceOf(String entryId) {
        return Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
    }
}
