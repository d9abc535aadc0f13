package dev.mcpspring.security;

import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.ClassUtils;

import dev.mcpspring.server.GrantedScopes;

/**
 * The scopes of a Spring Security {@link Authentication}:
 * <ul>
 * <li>for a bearer token (a {@code JwtAuthenticationToken}, or a {@code BearerTokenAuthentication} of an opaque
 * token), the scopes the token itself grants: its {@code scope} claim (a space-separated string, RFC 9068) and its
 * {@code scp} claim (a string or a list), whatever authorities the application derives from them;</li>
 * <li>for any other authentication, its authorities named {@code SCOPE_<scope>}, Spring Security's convention (as
 * {@code @WithMockUser(authorities = "SCOPE_tasks:write")} gives in a test);</li>
 * <li>nothing for an anonymous or unauthenticated principal, or one that is not an {@code Authentication}.</li>
 * </ul>
 */
public class AuthenticationScopes implements GrantedScopes {

    private static final String AUTHORITY_PREFIX = "SCOPE_";

    private static final boolean TOKENS_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
            AuthenticationScopes.class.getClassLoader());

    private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

    @Override
    public Set<String> of(Principal principal) {
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()
                || trustResolver.isAnonymous(authentication)) {
            return Set.of();
        }
        if (TOKENS_PRESENT) {
            Map<String, Object> claims = TokenAttributes.of(authentication);
            if (claims != null) {
                Set<String> scopes = new LinkedHashSet<>();
                addClaim(scopes, claims.get("scope"));
                addClaim(scopes, claims.get("scp"));
                return Collections.unmodifiableSet(scopes);
            }
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(AUTHORITY_PREFIX) && name.length() > AUTHORITY_PREFIX.length()) {
                scopes.add(name.substring(AUTHORITY_PREFIX.length()));
            }
        }
        return Collections.unmodifiableSet(scopes);
    }

    private static void addClaim(Set<String> scopes, @Nullable Object claim) {
        if (claim instanceof String value) {
            for (String scope : value.trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
        else if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                addClaim(scopes, value == null ? null : value.toString());
            }
        }
    }

    /** Names the OAuth2 resource server types: loaded only when they are on the class path. */
    private static final class TokenAttributes {

        static Map<String, Object> of(Authentication authentication) {
            return authentication instanceof org.springframework.security.oauth2.server.resource.authentication
                    .AbstractOAuth2TokenAuthenticationToken<?> token ? token.getTokenAttributes() : null;
        }
    }
}
