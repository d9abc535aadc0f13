package dev.mcpspring.task.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.mcpspring.task.TaskRecord;
import dev.mcpspring.task.TaskStore;
import tools.jackson.databind.ObjectMapper;

/**
 * A {@link TaskStore} on Redis, shared by every instance: each task is a key holding its JSON, expiring with the
 * task's time-to-live, so a task's result outlives the instance that ran it (and a restart of any other); the tasks
 * of each principal (or anonymous session) are indexed for {@code tasks/list}. A change is a compare-and-set (a Lua
 * script, one round trip) that also publishes the task's id on a channel every instance listens to, which is how
 * the client's answers and cancellations sent to one instance reach the tool running on another.
 * <p>
 * The store is bounded by the tasks' time-to-live (every task the server creates has one:
 * {@code mcp.server.tasks.ttl}), not by a count. Call {@link #start()} before use and {@link #close()} after (the
 * auto-configuration does).
 */
public class RedisTaskStore implements TaskStore, AutoCloseable {

    private static final Log logger = LogFactory.getLog(RedisTaskStore.class);

    /**
     * Creates the task unless it exists, with its expiry, and indexes it for listing unless ARGV[5] is 0:
     * KEYS task, index; ARGV json, ttl, score, id, indexed.
     */
    private static final RedisScript<Long> CREATE = RedisScript.of("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) == false then
              return 0
            end
            if ARGV[5] == '0' then
              return 1
            end
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then
              redis.call('PEXPIRE', KEYS[2], ARGV[2])
            end
            return 1
            """, Long.class);

    /** Replaces the task if it is still what was read, keeping its expiry, and announces it: KEYS task; ARGV old, new, channel, id. */
    private static final RedisScript<Long> REPLACE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    private final ObjectMapper mapper;

    private final String prefix;

    private final Clock clock;

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mcp-task-changes");
        thread.setDaemon(true);
        return thread;
    });

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

    /**
     * @param connections where the change channel is subscribed
     * @param redis       the connection to Redis
     * @param mapper      writes and reads the tasks' JSON
     * @param keyPrefix   the prefix of the keys and of the channel, as for the session manager
     */
    public RedisTaskStore(RedisConnectionFactory connections, StringRedisTemplate redis, ObjectMapper mapper,
            String keyPrefix) {
        this(connections, redis, mapper, keyPrefix, Clock.systemUTC());
    }

    RedisTaskStore(RedisConnectionFactory connections, StringRedisTemplate redis, ObjectMapper mapper,
            String keyPrefix, Clock clock) {
        this.redis = redis;
        this.mapper = mapper;
        this.prefix = keyPrefix;
        this.clock = clock;
        container.setConnectionFactory(connections);
        container.setTaskExecutor(dispatcher);
        container.addMessageListener((message, pattern) -> {
            String taskId = new String(message.getBody(), StandardCharsets.UTF_8);
            for (Consumer<String> listener : listeners) {
                try {
                    listener.accept(taskId);
                }
                catch (RuntimeException ex) {
                    logger.warn("A task listener failed", ex);
                }
            }
        }, new ChannelTopic(channel()));
    }

    /** Subscribes to the changes of the other instances' tasks. */
    public void start() {
        container.afterPropertiesSet();
        container.start();
    }

    @Override
    public void create(TaskRecord task) {
        Instant expiresAt = task.expiresAt();
        long ttl = expiresAt == null ? Long.MAX_VALUE / 2 : expiresAt.toEpochMilli() - clock.millis();
        if (ttl <= 0) {
            throw new IllegalArgumentException("Task " + task.taskId() + " has expired already");
        }
        Long created = redis.execute(CREATE, List.of(key(task.taskId()), index(task.principal(), task.sessionId())),
                TaskRecordJson.write(task, mapper), Long.toString(ttl), Long.toString(task.createdAt().toEpochMilli()),
                task.taskId(), task.principal() == null && task.sessionId() == null ? "0" : "1");
        if (created == null || created == 0) {
            throw new IllegalArgumentException("A task with id " + task.taskId() + " exists already");
        }
    }

    @Override
    public Optional<TaskRecord> find(String taskId) {
        String json = redis.opsForValue().get(key(taskId));
        return json == null ? Optional.empty() : Optional.of(TaskRecordJson.read(json, mapper));
    }

    @Override
    public Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String json = redis.opsForValue().get(key(taskId));
            if (json == null) {
                publish(taskId); // gone: whoever runs it learns of it
                return Optional.empty();
            }
            TaskRecord current = TaskRecordJson.read(json, mapper);
            TaskRecord next = change.apply(current);
            if (next == current) {
                return Optional.of(current);
            }
            Long replaced = redis.execute(REPLACE, List.of(key(taskId)), json, TaskRecordJson.write(next, mapper),
                    channel(), taskId);
            if (replaced != null && replaced == 1) {
                return Optional.of(next);
            }
        }
        throw new IllegalStateException("Task " + taskId + " changed too often to be changed");
    }

    @Override
    public List<TaskRecord> list(@Nullable String principal, @Nullable String sessionId) {
        if (principal == null && sessionId == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(redis.opsForZSet().range(index(principal, sessionId), 0, -1));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> json = redis.opsForValue().multiGet(ids.stream().map(this::key).toList());
        List<TaskRecord> tasks = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String task = json == null ? null : json.get(i);
            if (task == null) {
                gone.add(ids.get(i));
            }
            else {
                TaskRecord record = TaskRecordJson.read(task, mapper);
                if (principal != null ? principal.equals(record.principal()) : record.principal() == null) {
                    tasks.add(record);
                }
            }
        }
        if (!gone.isEmpty()) {
            redis.opsForZSet().remove(index(principal, sessionId), gone.toArray());
        }
        return Collections.unmodifiableList(tasks);
    }

    @Override
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Unsubscribes; the tasks stay in Redis. */
    @Override
    public void close() {
        try {
            container.stop();
            container.destroy();
        }
        catch (Exception ex) {
            logger.debug("Could not stop listening to task changes", ex);
        }
        dispatcher.shutdownNow();
    }

    private void publish(String taskId) {
        redis.convertAndSend(channel(), taskId);
    }

    private String key(String taskId) {
        return prefix + "task:" + taskId;
    }

    private String index(@Nullable String principal, @Nullable String sessionId) {
        return principal != null ? prefix + "tasks:principal:" + principal : prefix + "tasks:session:" + sessionId;
    }

    private String channel() {
        return prefix + "tasks:changed";
    }
}
