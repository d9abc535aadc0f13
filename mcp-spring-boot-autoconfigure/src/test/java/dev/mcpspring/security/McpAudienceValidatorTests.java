package dev.mcpspring.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class McpAudienceValidatorTests {

    private final McpAudienceValidator validator = new McpAudienceValidator(
            List.of("https://mcp.example.com/mcp", "client-1"));

    @Test
    void acceptsATokenThatNamesTheResourceAmongOthers() {
        assertThat(validator.validate(jwt("https://other.example.com", "https://mcp.example.com/mcp")).hasErrors())
            .isFalse();
    }

    @Test
    void comparesUrisCanonicallyAndOtherValuesExactly() {
        assertThat(validator.validate(jwt("HTTPS://MCP.EXAMPLE.COM/mcp/")).hasErrors()).isFalse();
        assertThat(validator.validate(jwt("https://mcp.example.com/MCP")).hasErrors()).isTrue();
        assertThat(validator.validate(jwt("client-1")).hasErrors()).isFalse();
        assertThat(validator.validate(jwt("Client-1")).hasErrors()).isTrue();
    }

    @Test
    void refusesAnotherAudienceOrNone() {
        assertThat(validator.validate(jwt("https://mcp.example.com/mcp2")).hasErrors()).isTrue();
        assertThat(validator.validate(jwt("https://mcp.example.com")).hasErrors()).isTrue();
        assertThat(validator.validate(jwt()).getErrors()).singleElement()
            .satisfies(error -> assertThat(error.getErrorCode()).isEqualTo("invalid_token"));
    }

    @Test
    void needsAnAudience() {
        assertThatIllegalArgumentException().isThrownBy(() -> new McpAudienceValidator(List.of()));
    }

    private static Jwt jwt(String... audience) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice")
            .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (audience.length > 0) {
            builder.audience(List.of(audience));
        }
        return builder.build();
    }
}
