package dev.mcpspring.session.redis;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the Redis session manager: each makes a check and the changes that depend on it one atomic
 * step, in one round trip. Their keys are named by {@link RedisKeys}.
 */
final class RedisScripts {

    private RedisScripts() {
    }

    /**
     * A Lua function for the scripts that end sessions: removes the session {@code id} from the subscriber set
     * ({@code prefix .. uri}) of every URI in its set of URIs {@code subs}, then deletes that set. Redis deletes a
     * set whose last member goes, so no empty subscriber set is left behind.
     */
    private static final String UNSUBSCRIBE_ALL = """
            local function unsubscribeAll(subs, prefix, id)
              for _, uri in ipairs(redis.call('SMEMBERS', subs)) do
                redis.call('SREM', prefix .. uri, id)
              end
              redis.call('DEL', subs)
            end
            """;

    /**
     * Creates a session unless the cluster-wide limit of live sessions is reached: 1 created, 0 refused. Notes its
     * creation time in the starts hash (KEYS[3]), which outlives the session's own hash until its end is reported.
     * Entries of expired sessions stay in the sorted set until {@link #SWEEP} reports them.
     */
    static final RedisScript<Long> CREATE = RedisScript.of("""
            if redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf') >= tonumber(ARGV[3]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[5])
            redis.call('HSET', KEYS[3], ARGV[5], ARGV[1])
            redis.call('HSET', KEYS[2], 'created', ARGV[1])
            if ARGV[6] ~= '' then redis.call('HSET', KEYS[2], 'principal', ARGV[6]) end
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return 1
            """, Long.class);

    /**
     * Registers a request being handled (refusing a reused id) and renews the session: {-1} gone, {0} reused, or
     * {1, the generation of the session's state} (its hash's {@code generation} field), by which the instance
     * sees whether its copy of that state is current. Deletes, on the way, the ids of requests this instance
     * finished (keys 4 and on), which so cost nothing more.
     */
    @SuppressWarnings("rawtypes") // Spring Data Redis maps a Lua table to a List of its elements
    static final RedisScript<List> REGISTER = RedisScript.of("""
            for i = 4, #KEYS do redis.call('DEL', KEYS[i]) end
            if redis.call('PEXPIRE', KEYS[1], ARGV[3]) == 0 then return {-1} end
            redis.call('ZADD', KEYS[3], 'XX', ARGV[4], ARGV[5])
            if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0} end
            return {1, tonumber(redis.call('HGET', KEYS[1], ARGV[6]) or '0') or 0}
            """, List.class);

    /**
     * Closes a session: '' when it did not exist (a session that expired stays in the sorted set for
     * {@link #SWEEP} to report), else what the starts hash knew of it ("created|version", either part may be
     * empty), which it forgets: the caller reports the end. Either way the session leaves the subscriber sets of
     * the URIs it subscribed to (KEYS[5]; ARGV[2] is the prefix of those sets).
     */
    static final RedisScript<String> CLOSE = RedisScript.of(UNSUBSCRIBE_ALL + """
            unsubscribeAll(KEYS[5], ARGV[2], ARGV[1])
            local existed = redis.call('DEL', KEYS[1])
            redis.call('DEL', KEYS[3])
            if existed == 0 then return '' end
            redis.call('ZREM', KEYS[2], ARGV[1])
            local start = redis.call('HMGET', KEYS[4], ARGV[1], ARGV[1] .. '|v')
            redis.call('HDEL', KEYS[4], ARGV[1], ARGV[1] .. '|v')
            return (start[1] or '') .. '|' .. (start[2] or '')
            """, String.class);

    /**
     * Takes up to ARGV[2] sessions whose expiry time (their score) has passed by ARGV[1] and whose hash (key prefix
     * ARGV[3]) is gone, so they expired: removes them, their starts and their subscriptions (ARGV[4] is the prefix
     * of the subscriber sets), and returns for each the id, the expiry time and "created|version". Atomic, so
     * whichever instance runs it first reports each expiry, and only once. Run with EVAL by the heartbeat, as
     * {@link #RENEW_OWNER}.
     */
    static final String SWEEP = UNSUBSCRIBE_ALL + """
            local found = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0,
                tonumber(ARGV[2]))
            local ended = {}
            for i = 1, #found, 2 do
              local id = found[i]
              if redis.call('EXISTS', ARGV[3] .. id) == 0 then
                redis.call('ZREM', KEYS[1], id)
                unsubscribeAll(ARGV[3] .. id .. ':subs', ARGV[4], id)
                local start = redis.call('HMGET', KEYS[2], id, id .. '|v')
                redis.call('HDEL', KEYS[2], id, id .. '|v')
                table.insert(ended, id)
                table.insert(ended, found[i + 1])
                table.insert(ended, (start[1] or '') .. '|' .. (start[2] or ''))
              end
            end
            return ended
            """;

    /**
     * The owner of a session's standalone stream, claimed by the caller when it has none (or the owner is gone);
     * with a message, it is published to the owner when that is another instance. '' when the session is gone.
     */
    static final RedisScript<String> STANDALONE_OWNER = RedisScript.of("""
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
    static final RedisScript<String> ROUTE = RedisScript.of("""
            local owner = redis.call('GET', KEYS[1])
            if not owner then return '' end
            if ARGV[4] == '1' then redis.call('DEL', KEYS[1]) end
            if owner ~= ARGV[1] then redis.call('PUBLISH', ARGV[3] .. owner, ARGV[2]) end
            return owner
            """, String.class);

    /**
     * Subscribes a session (ARGV[1]) to a URI (ARGV[2]): a field of its hash (KEYS[1]), which counts it, the
     * session in the URI's subscriber set (KEYS[2]), and the URI in the session's set of URIs (KEYS[3]), which
     * outlives the hash so that {@link #CLOSE} and {@link #SWEEP} find the subscriber sets to leave.
     */
    static final RedisScript<Long> SUBSCRIBE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            redis.call('HSET', KEYS[1], 'sub:' .. ARGV[2], '1')
            redis.call('SADD', KEYS[2], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[2])
            return 1
            """, Long.class);

    /** Undoes {@link #SUBSCRIBE}, with the same keys: 1 when the session was subscribed, else 0. */
    static final RedisScript<Long> UNSUBSCRIBE = RedisScript.of("""
            redis.call('SREM', KEYS[2], ARGV[1])
            redis.call('SREM', KEYS[3], ARGV[2])
            return redis.call('HDEL', KEYS[1], 'sub:' .. ARGV[2])
            """, Long.class);

    /** Renews this instance's ownership of a standalone stream: 0 when another instance owns it now. */
    static final String RENEW_OWNER = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;
}
