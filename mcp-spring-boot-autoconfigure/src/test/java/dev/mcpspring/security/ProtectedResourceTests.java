package dev.mcpspring.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProtectedResourceTests {

    @Test
    void theMetadataUrlInsertsTheWellKnownPathBeforeTheResourcePath() {
        assertThat(ProtectedResource.of("https://mcp.example.com/mcp").metadataUrl())
            .isEqualTo("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
        assertThat(ProtectedResource.of("https://mcp.example.com:8443/public/mcp").metadataUrl())
            .isEqualTo("https://mcp.example.com:8443/.well-known/oauth-protected-resource/public/mcp");
        assertThat(ProtectedResource.of("https://mcp.example.com").metadataUrl())
            .isEqualTo("https://mcp.example.com/.well-known/oauth-protected-resource");
    }

    @Test
    void theResourceIsCanonical() {
        ProtectedResource resource = ProtectedResource.of("HTTPS://MCP.Example.COM/Mcp/");

        assertThat(resource.resource()).isEqualTo("https://mcp.example.com/Mcp");
        assertThat(resource.audiences()).containsExactly("https://mcp.example.com/Mcp");
    }

    @Test
    void aResourceMustBeAnAbsoluteHttpUriWithoutQueryOrFragment() {
        for (String invalid : List.of("mcp.example.com", "/mcp", "ftp://mcp.example.com/mcp",
                "https://mcp.example.com/mcp#top", "https://mcp.example.com/mcp?tenant=1",
                "https://user@mcp.example.com/mcp", " ")) {
            assertThatIllegalArgumentException().as(invalid)
                .isThrownBy(() -> ProtectedResource.of(invalid))
                .withMessageContaining("mcp.server.authorization.resource");
        }
    }

    @Test
    void scopesMustBeScopeTokens() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ProtectedResource("https://mcp.example.com/mcp", List.of(),
                    List.of("tasks:read tasks:write"), List.of(), List.of(), null))
            .withMessageContaining("scopes-supported")
            .withMessageContaining("'tasks:read tasks:write'");
    }

    @Test
    void theChallengeScopesAreTheRequiredOnesElseTheSupportedOnes() {
        assertThat(new ProtectedResource("https://h/mcp", List.of(), List.of("a", "b"), List.of("c"), List.of(), null)
            .challengeScopes()).containsExactly("c");
        assertThat(new ProtectedResource("https://h/mcp", List.of(), List.of("a", "b"), List.of(), List.of(), null)
            .challengeScopes()).containsExactly("a", "b");
        assertThat(ProtectedResource.of("https://h/mcp").challengeScopes()).isEmpty();
    }

    @Test
    void theMetadataHasTheRfc9728Members() {
        ProtectedResource resource = new ProtectedResource("https://h/mcp", List.of("https://as"), List.of(),
                List.of("mcp"), List.of("client-1"), "Name");

        assertThat(resource.metadata()).containsExactly(
                org.assertj.core.api.Assertions.entry("resource", "https://h/mcp"),
                org.assertj.core.api.Assertions.entry("authorization_servers", List.of("https://as")),
                org.assertj.core.api.Assertions.entry("scopes_supported", List.of("mcp")),
                org.assertj.core.api.Assertions.entry("bearer_methods_supported", List.of("header")),
                org.assertj.core.api.Assertions.entry("resource_name", "Name"));
        assertThat(resource.audiences()).containsExactly("client-1");
    }

    @Test
    void challengeValuesAreQuoted() {
        assertThat(new BearerChallenge().parameter("error", "invalid_token")
            .parameter("error_description", "a \"quoted\" \\ value\n")
            .scope(List.of("a", "b"))
            .parameter("empty", "")
            .toString()).isEqualTo("Bearer error=\"invalid_token\", "
                    + "error_description=\"a \\\"quoted\\\" \\\\ value \", scope=\"a b\"");
        assertThat(new BearerChallenge().toString()).isEqualTo("Bearer");
    }
}
