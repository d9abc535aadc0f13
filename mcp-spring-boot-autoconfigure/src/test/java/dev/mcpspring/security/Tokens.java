package dev.mcpspring.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints RS256 access tokens for the security tests with a key pair made for the test run: no authorization server.
 */
final class Tokens {

    /** The resource the test applications protect; tokens name it as audience by default. */
    static final String RESOURCE = "https://mcp.example.com/mcp";

    static final String ISSUER = "https://auth.example.com";

    /** The key the test applications' decoders trust. */
    static final KeyPair KEYS = generate();

    /** A key nobody trusts. */
    static final KeyPair OTHER_KEYS = generate();

    private Tokens() {
    }

    static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    /** A valid token for {@code subject} with {@code scopes}, issued for {@link #RESOURCE}. */
    static String token(String subject, String... scopes) {
        return builder(subject).scopes(scopes).mint();
    }

    static Builder builder(String subject) {
        return new Builder(subject);
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static final class Builder {

        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();

        private KeyPair keys = KEYS;

        private Builder(String subject) {
            Instant now = Instant.now();
            claims.subject(subject)
                .issuer(ISSUER)
                .audience(List.of(RESOURCE))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        }

        Builder scopes(String... scopes) {
            if (scopes.length > 0) {
                claims.claim("scope", String.join(" ", scopes));
            }
            return this;
        }

        Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        Builder audience(String... audience) {
            claims.audience(audience.length == 0 ? null : List.of(audience));
            return this;
        }

        Builder expiredSince(Duration ago) {
            Instant now = Instant.now();
            claims.issueTime(Date.from(now.minus(ago).minusSeconds(600)))
                .notBeforeTime(Date.from(now.minus(ago).minusSeconds(600)))
                .expirationTime(Date.from(now.minus(ago)));
            return this;
        }

        Builder signedWith(KeyPair keys) {
            this.keys = keys;
            return this;
        }

        String mint() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(),
                        claims.build());
                jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
                return jwt.serialize();
            }
            catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
