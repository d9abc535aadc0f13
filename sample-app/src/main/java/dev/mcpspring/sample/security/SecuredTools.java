package dev.mcpspring.sample.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.sample.tasks.Task;
import dev.mcpspring.sample.tasks.TaskBoard;

/**
 * Tools of the {@code secured} profile: one that reads the caller, and one that only a token with the
 * {@code tasks:admin} scope may call. Without that scope, {@code delete_task} is refused with 403
 * {@code insufficient_scope} before it runs; it is listed to every caller all the same.
 */
@Component
@Profile("secured")
public class SecuredTools {

    /** Who called, and the scopes their token grants. */
    public record Caller(String name, List<String> scopes) {
    }

    private final TaskBoard board;

    public SecuredTools(TaskBoard board) {
        this.board = board;
    }

    @McpTool(name = "whoami", title = "Who am I", description = "Tells who the access token belongs to",
            readOnlyHint = true, openWorldHint = false)
    public Caller whoami(@Nullable Authentication authentication) {
        if (authentication == null) { // over stdio: no HTTP, no token
            return new Caller("anonymous", List.of());
        }
        return new Caller(authentication.getName(), authentication.getAuthorities()
            .stream()
            .map(GrantedAuthority::getAuthority)
            .filter(authority -> authority.startsWith("SCOPE_"))
            .map(authority -> authority.substring("SCOPE_".length()))
            .sorted()
            .toList());
    }

    @McpTool(name = "delete_task", title = "Delete a task", description = "Deletes a task, done or not",
            destructiveHint = true, openWorldHint = false, scopes = "tasks:admin")
    public Task deleteTask(@McpToolParam(description = "The task's id") int id) {
        return board.remove(id);
    }
}
