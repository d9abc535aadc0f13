package dev.mcpspring.sample.tasks;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;

/** Tools over the {@link TaskBoard}. */
@Component
public class TaskTools {

    private final TaskBoard board;

    public TaskTools(TaskBoard board) {
        this.board = board;
    }

    @McpTool(name = "add_task", title = "Add a task", description = "Adds a task to the board and returns it",
            destructiveHint = false, openWorldHint = false)
    public Task addTask(@McpToolParam(description = "What needs doing") String title,
            @McpToolParam(description = "How urgent it is; NORMAL when omitted",
                    required = false) @Nullable Priority priority,
            @McpToolParam(description = "Due date (YYYY-MM-DD)", required = false) Optional<LocalDate> due) {
        if (title.isBlank()) {
            throw new IllegalArgumentException("The title must not be blank");
        }
        return board.add(title.strip(), priority == null ? Priority.NORMAL : priority, due.orElse(null));
    }

    @McpTool(name = "list_tasks", title = "List tasks", description = "Lists the tasks on the board, oldest first",
            readOnlyHint = true, openWorldHint = false)
    public List<Task> listTasks(
            @McpToolParam(description = "Only tasks of this priority", required = false) Optional<Priority> priority,
            @McpToolParam(description = "Include tasks that are done", required = false) boolean includeDone) {
        return board.list(priority, includeDone);
    }

    @McpTool(name = "complete_task", title = "Complete a task", description = "Marks a task as done",
            idempotentHint = true, destructiveHint = false, openWorldHint = false)
    public Task completeTask(@McpToolParam(description = "The task's id") int id) {
        return board.complete(id);
    }
}
