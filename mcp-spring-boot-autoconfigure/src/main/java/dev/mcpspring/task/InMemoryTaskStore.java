package dev.mcpspring.task;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link TaskStore}: tasks in this JVM, bounded. A task is forgotten when its time-to-live has passed
 * (checked as it is read, and swept as new tasks come); when {@code maxTasks} live tasks are held, creating another
 * fails with {@link TaskStoreFullException}. Tasks do not survive a restart, and other instances do not see them:
 * for several instances, use a shared store ({@code RedisTaskStore}).
 */
public class InMemoryTaskStore implements TaskStore {

    private static final Log logger = LogFactory.getLog(InMemoryTaskStore.class);

    private static final Comparator<TaskRecord> OLDEST_FIRST = Comparator.comparing(TaskRecord::createdAt)
        .thenComparing(TaskRecord::taskId);

    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private final int maxTasks;

    private final Clock clock;

    private volatile long nextSweep;

    /** @param maxTasks how many tasks are held at most (finished ones included, until they expire) */
    public InMemoryTaskStore(int maxTasks) {
        this(maxTasks, Clock.systemUTC());
    }

    /**
     * @param maxTasks how many tasks are held at most (finished ones included, until they expire)
     * @param clock    the time expiry is judged by
     */
    public InMemoryTaskStore(int maxTasks, Clock clock) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be at least 1, but was " + maxTasks);
        }
        this.maxTasks = maxTasks;
        this.clock = clock;
    }

    @Override
    public void create(TaskRecord task) {
        if (tasks.size() >= maxTasks || clock.millis() >= nextSweep) {
            sweep();
        }
        synchronized (this) { // the count and the put together, so that the bound holds
            if (tasks.size() >= maxTasks) {
                throw new TaskStoreFullException("The server holds " + maxTasks + " tasks, its limit "
                        + "(mcp.server.tasks.max-tasks); try again when some have expired");
            }
            if (tasks.putIfAbsent(task.taskId(), task) != null) {
                throw new IllegalArgumentException("A task with id " + task.taskId() + " exists already");
            }
        }
    }

    @Override
    public Optional<TaskRecord> find(String taskId) {
        TaskRecord task = tasks.get(taskId);
        if (task != null && task.isExpired(clock.instant())) {
            expire(task);
            return Optional.empty();
        }
        return Optional.ofNullable(task);
    }

    @Override
    public Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change) {
        Instant now = clock.instant();
        boolean[] changed = new boolean[1];
        boolean[] expired = new boolean[1];
        TaskRecord after = tasks.computeIfPresent(taskId, (id, current) -> {
            if (current.isExpired(now)) {
                expired[0] = true;
                return null;
            }
            TaskRecord next = change.apply(current);
            changed[0] = next != current;
            return next;
        });
        if (expired[0] || changed[0]) {
            notifyListeners(taskId);
        }
        return Optional.ofNullable(after);
    }

    @Override
    public List<TaskRecord> list(@Nullable String principal, @Nullable String sessionId) {
        Instant now = clock.instant();
        return tasks.values()
            .stream()
            .filter(task -> !task.isExpired(now))
            .filter(task -> principal != null ? principal.equals(task.principal())
                    : task.principal() == null && sessionId != null && sessionId.equals(task.sessionId()))
            .sorted(OLDEST_FIRST)
            .toList();
    }

    @Override
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** How many tasks are held now (expired ones not yet swept included). */
    public int size() {
        return tasks.size();
    }

    /** Forgets every expired task. */
    public void sweep() {
        Instant now = clock.instant();
        nextSweep = now.toEpochMilli() + 1000;
        tasks.values().stream().filter(task -> task.isExpired(now)).forEach(this::expire);
    }

    private void expire(TaskRecord task) {
        if (tasks.remove(task.taskId(), task)) {
            notifyListeners(task.taskId());
        }
    }

    private void notifyListeners(String taskId) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(taskId);
            }
            catch (RuntimeException ex) {
                logger.warn("A task listener failed", ex);
            }
        }
    }
}
