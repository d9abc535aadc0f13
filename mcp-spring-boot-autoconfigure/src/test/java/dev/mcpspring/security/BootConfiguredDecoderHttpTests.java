package dev.mcpspring.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code JwtDecoder} that Spring Boot builds from {@code spring.security.oauth2.resourceserver.jwt.*} secures the
 * endpoint as one the application declares, audience check included.
 */
@SpringBootTest(classes = { SecuredTestApplication.class, SecuredTestApplication.Tools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.authorization.resource=" + Tokens.RESOURCE,
                "mcp.server.authorization.authorization-servers=" + Tokens.ISSUER })
class BootConfiguredDecoderHttpTests extends SecurityHttpTestSupport {

    @DynamicPropertySource
    static void publicKey(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> {
            try {
                Path pem = Files.createTempFile("mcp-test-key", ".pem");
                pem.toFile().deleteOnExit();
                Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(Tokens.publicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
                return pem.toUri().toString();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    @Autowired
    ApplicationContext context;

    @Test
    void theStarterSecuresTheEndpointWithSpringBootsDecoder() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("mcpSecurityFilterChain",
                "mcpDefaultSecurityFilterChain");
        assertThat(anonymous().initialize().status()).isEqualTo(401);
        assertThat(withToken(Tokens.token("alice")).initialize().status()).isEqualTo(200);
    }

    @Test
    void tokensForAnotherResourceAreRefused() {
        String elsewhere = Tokens.builder("alice").audience("https://other.example.com/mcp").mint();

        assertThat(bearerChallenge(withToken(elsewhere).initialize())).containsEntry("error", "invalid_token");
    }
}
