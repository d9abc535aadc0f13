package dev.mcpspring.security;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.server.GrantedScopes;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.internal.ToolScopes;
import tools.jackson.databind.node.NullNode;

/**
 * Answers an authenticated request to the MCP endpoint whose token lacks scopes (MCP 2025-11-25 "Runtime
 * Insufficient Scope Errors"): 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="...", resource_metadata="...",
 * error_description="..."}. The {@code scope} parameter follows the spec's recommended approach: the endpoint's
 * required scopes, the relevant scopes the token already has, and the newly required ones, so that a client
 * stepping up its authorization keeps what it was granted here. Relevant are the scopes this server uses (required,
 * supported, or required by a tool); the token's others, such as {@code openid} or {@code offline_access} (which
 * 2026-07-28 says a challenge should not name), are left out. The body is a JSON-RPC error
 * {@value ErrorCodes#INSUFFICIENT_SCOPE} naming the missing scopes, the same error a refused {@code tools/call} gets when the endpoint is not secured by
 * the starter.
 */
public class McpAccessDeniedHandler implements AccessDeniedHandler {

    private final ProtectedResource resource;

    private final GrantedScopes grantedScopes;

    private final JsonRpcCodec codec;

    private final ToolRegistry tools;

    public McpAccessDeniedHandler(ProtectedResource resource, GrantedScopes grantedScopes, JsonRpcCodec codec,
            ToolRegistry tools) {
        this.resource = resource;
        this.grantedScopes = grantedScopes;
        this.codec = codec;
        this.tools = tools;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext()
            .getAuthentication();
        Set<String> granted = authentication == null ? Set.of() : grantedScopes.of(authentication);
        Set<String> scope = new LinkedHashSet<>(resource.requiredScopes());
        scope.addAll(relevant(granted));
        JsonRpcMessage.ErrorResponse body;
        if (accessDeniedException instanceof InsufficientScopeException insufficient) {
            scope.addAll(insufficient.requiredScopes());
            JsonRpcError error = ToolScopes.insufficientScope(insufficient.tool(), insufficient.requiredScopes(),
                    insufficient.missingScopes()).toError();
            body = new JsonRpcMessage.ErrorResponse(
                    insufficient.requestId() == null ? NullNode.getInstance() : insufficient.requestId(), error);
        }
        else {
            Set<String> required = new LinkedHashSet<>(resource.requiredScopes());
            Set<String> missing = ToolScopes.missing(required, granted);
            String message = missing.isEmpty() ? "Forbidden: " + accessDeniedException.getMessage()
                    : "Forbidden: this MCP server requires the scope" + (required.size() == 1 ? " " : "s ")
                            + String.join(" ", required) + "; the access token lacks " + String.join(" ", missing);
            body = new JsonRpcMessage.ErrorResponse(NullNode.getInstance(),
                    new JsonRpcError(ErrorCodes.INSUFFICIENT_SCOPE, message, Map.of("error", "insufficient_scope",
                            "requiredScopes", required, "missingScopes", missing)));
        }
        BearerChallenge challenge = new BearerChallenge().parameter("error", "insufficient_scope")
            .scope(scope)
            .parameter("resource_metadata", resource.metadataUrl())
            .parameter("error_description", body.error().message());
        response.addHeader(BearerChallenge.HEADER, challenge.toString());
        JsonRpcErrorBody.write(response, codec, HttpServletResponse.SC_FORBIDDEN, body);
    }

    /** The scopes of {@code granted} that this server uses. */
    private Set<String> relevant(Set<String> granted) {
        Set<String> used = new LinkedHashSet<>(resource.requiredScopes());
        used.addAll(resource.scopesSupported());
        tools.list().forEach(tool -> used.addAll(tool.requiredScopes()));
        used.remove("offline_access");
        used.retainAll(granted);
        return used;
    }
}
