package dev.mcpspring.transport.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request's {@code Origin} may use the endpoint, half of the defence against DNS rebinding (with
 * {@link HostValidator}): a request without {@code Origin} (not from a browser) is allowed, as is an origin on a
 * loopback host (any port) or one listed in the allow-list. {@code "*"} in the list allows every origin.
 * <p>
 * Matching is exact: the whole origin ({@code scheme://host[:port]}, case-insensitive) must equal a listed one, and
 * a loopback origin must be exactly a scheme, a loopback host and an optional port. So
 * {@code http://localhost.evil.com}, {@code http://127.0.0.1.nip.io} or {@code https://app.example.com.evil} never
 * pass for {@code localhost}, {@code 127.0.0.1} or {@code https://app.example.com}.
 */
final class OriginValidator {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowedOrigins;

    private final boolean allowAll;

    OriginValidator(List<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(OriginValidator::normalise).toList());
        this.allowAll = this.allowedOrigins.contains("*");
    }

    /**
     * Refuses the request with 403 when its {@code Origin} is not allowed.
     *
     * @return the request's {@code Origin}, {@code null} when it has none
     */
    @Nullable String check(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (!isAllowed(origin)) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("check", "origin");
            data.put("origin", origin);
            throw new RequestRefusedException(HttpServletResponse.SC_FORBIDDEN, "Forbidden: Origin check failed "
                    + "(DNS rebinding protection): Origin '" + origin + "' is not allowed to use this MCP endpoint; "
                    + "add it to mcp.server.security.allowed-origins").data(data);
        }
        return origin;
    }

    boolean isAllowed(String origin) {
        if (origin == null || allowAll || allowedOrigins.contains(normalise(origin))) {
            return true;
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
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
