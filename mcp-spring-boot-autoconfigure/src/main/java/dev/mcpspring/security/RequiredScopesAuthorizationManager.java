package dev.mcpspring.security;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import dev.mcpspring.server.GrantedScopes;

/**
 * Grants a request to the MCP endpoint when it is authenticated and its token holds every scope of
 * {@code mcp.server.authorization.required-scopes}, read with the same {@link GrantedScopes} as a tool's scopes.
 * An anonymous request is denied, which Spring Security answers with the entry point (401); an authenticated one
 * without the scopes gets the access denied handler (403).
 */
final class RequiredScopesAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    private final List<String> requiredScopes;

    private final GrantedScopes grantedScopes;

    private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

    RequiredScopesAuthorizationManager(List<String> requiredScopes, GrantedScopes grantedScopes) {
        this.requiredScopes = List.copyOf(requiredScopes);
        this.grantedScopes = grantedScopes;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Authentication current = authentication.get();
        if (current == null || !current.isAuthenticated() || trustResolver.isAnonymous(current)) {
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(
                requiredScopes.isEmpty() || grantedScopes.of(current).containsAll(requiredScopes));
    }
}
