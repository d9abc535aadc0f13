package dev.mcpspring.server;

import java.security.Principal;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The OAuth scopes the caller of a request was granted, read from its principal: what
 * {@link ToolSpecification#requiredScopes() a tool's required scopes} are checked against. The starter provides
 * one for Spring Security (the {@code scope} / {@code scp} claims of a bearer token, or {@code SCOPE_} authorities)
 * when Spring Security is on the class path; declare a bean of this type to read scopes another way.
 */
@FunctionalInterface
public interface GrantedScopes {

    /** Grants nothing: a tool that requires a scope can never be called. */
    GrantedScopes NONE = principal -> Set.of();

    /**
     * The scopes granted to {@code principal}.
     *
     * @param principal the request's authenticated principal, {@code null} for an anonymous request
     * @return the granted scopes, empty when there are none or the principal is {@code null}
     */
    Set<String> of(@Nullable Principal principal);
}
