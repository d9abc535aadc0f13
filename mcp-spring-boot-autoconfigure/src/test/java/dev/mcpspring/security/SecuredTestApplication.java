package dev.mcpspring.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import dev.mcpspring.server.ToolSpecification;

/**
 * The application of the security tests: every auto-configuration, Spring Security's included, no component
 * scanning; each test adds what it needs ({@link Decoder} for a resource server whose keys the tests sign with).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SecuredTestApplication {

    /** The test tools. */
    @Configuration(proxyBeanMethods = false)
    static class Tools {

        @Bean
        SecuredTools securedTools() {
            return new SecuredTools();
        }

        @Bean
        ToolSpecification report(SecuredTools tools) {
            return SecuredTools.reportSpecification(tools);
        }
    }

    /** A JWT decoder trusting {@link Tokens#KEYS}, as an application declares one. */
    @Configuration(proxyBeanMethods = false)
    static class Decoder {

        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey(Tokens.publicKey()).build();
        }
    }
}
