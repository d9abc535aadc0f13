package dev.mcpspring.session.redis;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the Redis session manager: each makes a check and the changes that depend on it one atomic
 * step, in one round trip. Their keys are named by {@link RedisKeys}.
 */
final class RedisScripts {

    private RedisScripts() {
    }

    /** Creates a session unless the cluster-wide limit is reached: 1 created, 0 refused. */
    static final RedisScript<Long> CREATE = RedisScript.of("""
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
    static final RedisScript<Long> REGISTER = RedisScript.of("""
            for i = 4, #KEYS do redis.call('DEL', KEYS[i]) end
            if redis.call('PEXPIRE', KEYS[1], ARGV[3]) == 0 then return -1 end
            redis.call('ZADD', KEYS[3], 'XX', ARGV[4], ARGV[5])
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            return 0
            """, Long.class);

    static final RedisScript<Long> CLOSE = RedisScript.of("""
            local existed = redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('DEL', KEYS[3])
            return existed
            """, Long.class);

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

    static final RedisScript<Long> SUBSCRIBE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            redis.call('HSET', KEYS[1], 'sub:' .. ARGV[2], '1')
            redis.call('SADD', KEYS[2], ARGV[1])
            return 1
            """, Long.class);

    static final RedisScript<Long> UNSUBSCRIBE = RedisScript.of("""
            redis.call('SREM', KEYS[2], ARGV[1])
            return redis.call('HDEL', KEYS[1], 'sub:' .. ARGV[2])
            """, Long.class);

    /** Renews this instance's ownership of a standalone stream: 0 when another instance owns it now. */
    static final String RENEW_OWNER = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;
}
