package dev.mcpspring.server;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.internal.ToolScopes;

/**
 * A tool the server offers: its definition as listed, and the code that runs it.
 *
 * @param tool           the definition sent in {@code tools/list}
 * @param handler        what runs on {@code tools/call}
 * @param source         where it came from, for error messages (for example {@code "WeatherTools.forecast(String)"})
 * @param requiredScopes the OAuth scopes a caller must hold, all of them, to call the tool (checked with the
 *                       server's {@link GrantedScopes}); empty when anyone who reaches the endpoint may call it
 */
public record ToolSpecification(Tool tool, ToolHandler handler, String source, Set<String> requiredScopes) {

    public ToolSpecification {
        requiredScopes = requiredScopes == null || requiredScopes.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(requiredScopes));
        for (String scope : requiredScopes) {
            if (!ToolScopes.isValid(scope)) {
                throw new IllegalArgumentException("Tool '" + (tool == null ? null : tool.name()) + "' ("
                        + source + ") requires the invalid scope '" + scope + "': " + ToolScopes.RULE);
            }
        }
    }

    public ToolSpecification(Tool tool, ToolHandler handler, String source) {
        this(tool, handler, source, Set.of());
    }

    public ToolSpecification(Tool tool, ToolHandler handler) {
        this(tool, handler, tool.name());
    }

    /** This tool, callable only by callers holding all of {@code scopes}. */
    public ToolSpecification withRequiredScopes(@Nullable Collection<String> scopes) {
        return new ToolSpecification(tool, handler, source, scopes == null ? Set.of() : new LinkedHashSet<>(scopes));
    }

    /** This tool with another {@link #source()}. */
    public ToolSpecification withSource(String source) {
        return new ToolSpecification(tool, handler, source, requiredScopes);
    }
}
