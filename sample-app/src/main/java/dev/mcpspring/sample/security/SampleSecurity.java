package dev.mcpspring.sample.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security of the sample, per profile.
 * <ul>
 * <li>Default: an open local server, as before Spring Security was on the class path. The sample declares a
 * {@link SecurityFilterChain} that lets every request through, and with it the starter and Spring Boot back off;
 * the endpoint still accepts only loopback {@code Origin}s.</li>
 * <li>{@code secured}: the endpoint is an OAuth 2.0 resource server. The sample only declares a {@link JwtDecoder};
 * the starter does the rest from {@code mcp.server.authorization.*} (see {@code application-secured.yml}). Instead of
 * a real authorization server, the sample signs its own tokens with an RSA key made at start-up
 * ({@link SampleTokens}); a real deployment sets {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * instead and declares no decoder.</li>
 * </ul>
 * Over stdio ({@code mcp.server.transport.type=stdio}) there is no web application and none of this applies: the
 * client that started the process is the only one that can reach it.
 */
@Configuration(proxyBeanMethods = false)
public class SampleSecurity {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // over stdio there is no HTTP
    @Profile("!secured")
    static class Open {

        @Bean
        SecurityFilterChain openSecurityFilterChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable()); // the MCP endpoint takes no cookies
            return http.build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Profile("secured")
    static class Secured {

        /** The sample's signing key: new at every start, so tokens from an earlier run are refused. */
        @Bean
        KeyPair sampleSigningKey() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        /**
         * Accepts tokens signed with the sample's key and issued by {@code sample.security.issuer}, within their
         * validity. The starter adds the audience check (the token must name {@code mcp.server.authorization.resource}).
         */
        @Bean
        JwtDecoder jwtDecoder(KeyPair sampleSigningKey, @Value("${sample.security.issuer}") String issuer) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) sampleSigningKey.getPublic())
                .build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
            return decoder;
        }

        @Bean
        SampleTokens sampleTokens(KeyPair sampleSigningKey, @Value("${sample.security.issuer}") String issuer,
                @Value("${mcp.server.authorization.resource}") String resource) {
            return new SampleTokens(sampleSigningKey, issuer, resource);
        }
    }
}
