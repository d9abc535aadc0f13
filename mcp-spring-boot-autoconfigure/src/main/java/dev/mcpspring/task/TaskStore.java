package dev.mcpspring.task;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Where tasks live: the seam beside the {@link dev.mcpspring.session.SessionManager}. The server creates a task
 * here before it answers the {@code tools/call} that started it, changes it as the tool works, and reads it for
 * every {@code tasks/get}; so with a store that several instances share, any instance answers for any task, and a
 * task's result outlives the instance that ran it.
 * <p>
 * The tool itself runs on the instance that created the task; what must reach it from another instance (the
 * client's answers through {@code tasks/update}, a {@code tasks/cancel}) is a change of the task in the store,
 * which every instance learns of through its {@linkplain #addListener listener}.
 * <p>
 * {@link InMemoryTaskStore} keeps tasks in this JVM (the default); {@code RedisTaskStore} keeps them on Redis
 * (with {@code mcp.server.session.store=redis}). Declare a bean of this type to keep them elsewhere.
 */
public interface TaskStore {

    /**
     * Stores a new task. When this returns, {@link #find} sees the task on every instance sharing the store
     * (the protocol forbids answering with a task handle before).
     *
     * @throws TaskStoreFullException when the store holds as many tasks as it may
     */
    void create(TaskRecord task);

    /** The task with this id, or empty when there is none or its time-to-live has passed. */
    Optional<TaskRecord> find(String taskId);

    /**
     * Changes a task atomically: {@code change} gets the current state and returns the new one, or the same instance
     * for no change; it may be called more than once when the task changes concurrently. A change is announced to
     * the {@linkplain #addListener listeners} of every instance.
     *
     * @return the task after the change, or empty when there is no such task (or it expired)
     */
    Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change);

    /**
     * The tasks a caller may list ({@code tasks/list} of 2025-11-25), oldest first: those of {@code principal} when
     * it is not {@code null}, else the anonymous tasks of {@code sessionId}.
     */
    List<TaskRecord> list(@Nullable String principal, @Nullable String sessionId);

    /**
     * Calls {@code listener} with the id of every task that changed or went away, on whichever instance it was
     * changed; the listener reads the task with {@link #find} (it must not block).
     */
    void addListener(Consumer<String> listener);
}
