package dev.mcpspring.session.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Makes session ids: 144 random bits from {@link SecureRandom}, as 24 URL-safe base64 characters. */
public final class SessionIds {

    private static final int RANDOM_BYTES = 18;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    /** A new unguessable id made only of visible ASCII characters. */
    public static String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
