package dev.mcpspring.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Seals the {@code requestState} of multi round-trip requests with authenticated encryption (AES-256-GCM): the
 * client can neither read nor change it, and a state sealed with another key fails to open. Every instance of a
 * server that shares one client must use the same secret, so that a retry may land on any of them.
 */
public final class RequestStateSealer {

    private static final String CIPHER = "AES/GCM/NoPadding";

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    /** Bound into every seal, so that a blob sealed for another purpose with the same key does not open here. */
    private static final byte[] ASSOCIATED_DATA = "mcp-spring request state v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    private final SecureRandom random = new SecureRandom();

    private RequestStateSealer(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A sealer whose 256-bit key is derived from {@code secret} (SHA-256); the secret should be long and random. */
    public static RequestStateSealer withSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("The request-state secret must not be empty");
        }
        try {
            return new RequestStateSealer(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /** A sealer with a random key: state it seals opens only in this process. */
    public static RequestStateSealer withRandomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new RequestStateSealer(key);
    }

    /** Encrypts and authenticates {@code plain}; the result is URL-safe base64. */
    public String seal(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Could not seal the request state", ex);
        }
    }

    /**
     * Opens what {@link #seal} made.
     *
     * @return the plain bytes, or {@code null} when {@code sealed} is not a state this key sealed (tampered with,
     *         truncated, not base64, or sealed with another key)
     */
    public byte @Nullable [] open(String sealed) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        }
        catch (GeneralSecurityException ex) {
            return null;
        }
    }
}
