package dev.mcpspring.security;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationScopesTests {

    private final AuthenticationScopes scopes = new AuthenticationScopes();

    @Test
    void aBearerTokenGrantsTheScopesOfItsScopeAndScpClaimsWhateverItsAuthorities() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice").claim("scope", " a  b ")
            .claim("scp", List.of("c")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

        assertThat(scopes.of(new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("ROLE_USER"))))
            .containsExactly("a", "b", "c");
    }

    @Test
    void anyOtherAuthenticationGrantsItsScopeAuthorities() {
        UsernamePasswordAuthenticationToken user = UsernamePasswordAuthenticationToken.authenticated("alice", null,
                AuthorityUtils.createAuthorityList("SCOPE_tasks:read", "ROLE_ADMIN", "SCOPE_"));

        assertThat(scopes.of(user)).containsExactly("tasks:read");
    }

    @Test
    void anonymousUnauthenticatedAndPlainPrincipalsGrantNothing() {
        assertThat(scopes.of(null)).isEmpty();
        assertThat(scopes.of(new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("SCOPE_a")))).isEmpty();
        TestingAuthenticationToken unauthenticated = new TestingAuthenticationToken("alice", null, "SCOPE_a");
        unauthenticated.setAuthenticated(false);
        assertThat(scopes.of(unauthenticated)).isEmpty();
        Principal plain = () -> "alice";
        assertThat(scopes.of(plain)).isEmpty();
    }
}
