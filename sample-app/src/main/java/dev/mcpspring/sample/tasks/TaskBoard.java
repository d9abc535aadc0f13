package dev.mcpspring.sample.tasks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** An in-memory task board: the application service the task tools sit on. */
@Service
public class TaskBoard {

    private final Map<Integer, Task> tasks = new ConcurrentHashMap<>();

    private final AtomicInteger ids = new AtomicInteger();

    public Task add(String title, Priority priority, @Nullable LocalDate due) {
        Task task = new Task(ids.incrementAndGet(), title, priority, due, false);
        tasks.put(task.id(), task);
        return task;
    }

    public List<Task> list(Optional<Priority> priority, boolean includeDone) {
        return tasks.values()
            .stream()
            .filter(task -> priority.map(p -> p == task.priority()).orElse(true))
            .filter(task -> includeDone || !task.done())
            .sorted(Comparator.comparing(Task::id))
            .toList();
    }

    public Task complete(int id) {
        Task done = tasks.computeIfPresent(id, (key, task) -> task.complete());
        if (done == null) {
            throw new IllegalArgumentException("There is no task with id " + id);
        }
        return done;
    }

    /**
     * Removes those of the given tasks that are (still) done; open tasks and unknown ids are left alone.
     *
     * @return the tasks removed, oldest first
     */
    public List<Task> removeDone(Collection<Integer> ids) {
        List<Task> removed = new ArrayList<>();
        for (Integer id : ids) {
            Task task = tasks.get(id);
            if (task != null && task.done() && tasks.remove(id, task)) {
                removed.add(task);
            }
        }
        removed.sort(Comparator.comparing(Task::id));
        return removed;
    }

    /**
     * Removes a task, done or not.
     *
     * @return the task removed
     */
    public Task remove(int id) {
        Task removed = tasks.remove(id);
        if (removed == null) {
            throw new IllegalArgumentException("There is no task with id " + id);
        }
        return removed;
    }
}
