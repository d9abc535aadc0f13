package dev.mcpspring.docs.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;

@Component
class AdminTools {

    private final Map<Integer, Task> tasks = new ConcurrentHashMap<>();

    // tag::scopes[]
    @McpTool(description = "Deletes a task", destructiveHint = true, scopes = "tasks:admin")
    Task deleteTask(int id, Authentication caller) {
        Task deleted = tasks.remove(id);
        if (deleted == null) {
            throw new IllegalArgumentException("There is no task " + id);
        }
        return deleted.deletedBy(caller.getName());
    }
    // end::scopes[]

    record Task(int id, String title, String deletedBy) {

        Task deletedBy(String name) {
            return new Task(id, title, name);
        }
    }
}
