package dev.mcpspring.security;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

import dev.mcpspring.server.internal.ToolScopes;
import tools.jackson.databind.JsonNode;

/**
 * A request to the MCP endpoint calls a tool whose required scopes the access token lacks. It is handled by
 * {@link McpAccessDeniedHandler}: 403 {@code insufficient_scope}.
 */
public class InsufficientScopeException extends AccessDeniedException {

    private static final long serialVersionUID = 1L;

    private final String tool;

    private final transient Set<String> requiredScopes;

    private final transient Set<String> missingScopes;

    private final transient @Nullable JsonNode requestId;

    /**
     * @param tool           the tool called
     * @param requiredScopes the scopes it requires
     * @param missingScopes  those the token lacks
     * @param requestId      the JSON-RPC id of the {@code tools/call} request, or {@code null} (a batch)
     */
    public InsufficientScopeException(String tool, Set<String> requiredScopes, Set<String> missingScopes,
            @Nullable JsonNode requestId) {
        super(ToolScopes.insufficientScope(tool, requiredScopes, missingScopes).getMessage());
        this.tool = tool;
        this.requiredScopes = Collections.unmodifiableSet(new LinkedHashSet<>(requiredScopes));
        this.missingScopes = Collections.unmodifiableSet(new LinkedHashSet<>(missingScopes));
        this.requestId = requestId;
    }

    public String tool() {
        return tool;
    }

    public Set<String> requiredScopes() {
        return requiredScopes;
    }

    public Set<String> missingScopes() {
        return missingScopes;
    }

    public @Nullable JsonNode requestId() {
        return requestId;
    }
}
