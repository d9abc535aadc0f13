package dev.mcpspring.transport;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a request's {@code Origin} may use the endpoint, as a defence against DNS rebinding: a
 * request without {@code Origin} (not from a browser) is allowed, as is an origin on a loopback host (any port)
 * or one listed exactly in the allow-list. {@code "*"} in the list allows every origin.
 */
final class OriginValidator {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowedOrigins;

    private final boolean allowAll;

    OriginValidator(List<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(OriginValidator::normalise).toList());
        this.allowAll = this.allowedOrigins.contains("*");
    }

    boolean isAllowed(String origin) {
        if (origin == null || allowAll || allowedOrigins.contains(normalise(origin))) {
            return true;
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    && uri.getRawPath().isEmpty() && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        }
        catch (Exception ex) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
