package dev.mcpspring.sample.security;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Stands in for an authorization server in the {@code secured} profile: signs access tokens (RS256 JWTs) with the
 * sample's key, for the resource of this server. Only for trying the sample and for its tests; a real server gets its
 * tokens from an authorization server and holds no signing key.
 */
public class SampleTokens {

    private final KeyPair keys;

    private final String issuer;

    private final String resource;

    SampleTokens(KeyPair keys, String issuer, String resource) {
        this.keys = keys;
        this.issuer = issuer;
        this.resource = resource;
    }

    /** The issuer the server trusts ({@code iss}). */
    public String issuer() {
        return issuer;
    }

    /** The resource tokens are issued for ({@code aud}). */
    public String resource() {
        return resource;
    }

    /** A token for {@code subject} with {@code scopes}, valid for {@code validity}. */
    public String issue(String subject, Duration validity, String... scopes) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
            .subject(subject)
            .audience(List.of(resource))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(validity)))
            .jwtID(UUID.randomUUID().toString())
            .claim("scope", String.join(" ", scopes))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot sign a sample token", ex);
        }
        return jwt.serialize();
    }
}
