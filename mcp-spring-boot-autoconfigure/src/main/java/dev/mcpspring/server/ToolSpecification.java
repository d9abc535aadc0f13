package dev.mcpspring.server;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.internal.ToolScopes;
import dev.mcpspring.task.TaskSupport;

/**
 * A tool the server offers: its definition as listed, and the code that runs it.
 *
 * @param tool           the definition sent in {@code tools/list}
 * @param handler        what runs on {@code tools/call}
 * @param source         where it came from, for error messages (for example {@code "WeatherTools.forecast(String)"})
 * @param requiredScopes the OAuth scopes a caller must hold, all of them, to call the tool (checked with the
 *                       server's {@link GrantedScopes}); empty when anyone who reaches the endpoint may call it
 * @param taskSupport    whether a call may, must or never runs as a task; {@link TaskSupport#FORBIDDEN} when
 *                       {@code null} or {@link TaskSupport#AUTO}. A call of a tool whose handler is an
 *                       {@link AsyncToolHandler} becomes a task when the handler returns; any other runs as a task
 *                       from the start
 */
public record ToolSpecification(Tool tool, ToolHandler handler, String source, Set<String> requiredScopes,
        TaskSupport taskSupport) {

    public ToolSpecification {
        taskSupport = taskSupport == null || taskSupport == TaskSupport.AUTO ? TaskSupport.FORBIDDEN : taskSupport;
        requiredScopes = requiredScopes == null || requiredScopes.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(requiredScopes));
        for (String scope : requiredScopes) {
            if (!ToolScopes.isValid(scope)) {
                throw new IllegalArgumentException("Tool '" + (tool == null ? null : tool.name()) + "' ("
                        + source + ") requires the invalid scope '" + scope + "': " + ToolScopes.RULE);
            }
        }
    }

    public ToolSpecification(Tool tool, ToolHandler handler, String source, Set<String> requiredScopes) {
        this(tool, handler, source, requiredScopes, TaskSupport.FORBIDDEN);
    }

    public ToolSpecification(Tool tool, ToolHandler handler, String source) {
        this(tool, handler, source, Set.of());
    }

    public ToolSpecification(Tool tool, ToolHandler handler) {
        this(tool, handler, tool.name());
    }

    /** This tool, callable only by callers holding all of {@code scopes}. */
    public ToolSpecification withRequiredScopes(@Nullable Collection<String> scopes) {
        return new ToolSpecification(tool, handler, source, scopes == null ? Set.of() : new LinkedHashSet<>(scopes),
                taskSupport);
    }

    /** This tool with another {@link #source()}. */
    public ToolSpecification withSource(String source) {
        return new ToolSpecification(tool, handler, source, requiredScopes, taskSupport);
    }

    /** This tool, run as a task as {@code taskSupport} says (see {@link TaskSupport}). */
    public ToolSpecification withTaskSupport(@Nullable TaskSupport taskSupport) {
        return new ToolSpecification(tool, handler, source, requiredScopes, taskSupport);
    }
}
