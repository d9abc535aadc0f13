package dev.mcpspring.transport.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request's {@code Host} may use the endpoint, the other half of the defence against DNS
 * rebinding (with {@link OriginValidator}): a page on {@code evil.example.com} whose name an attacker re-pointed at
 * 127.0.0.1 reaches a local server with {@code Host: evil.example.com}, and is refused here.
 * <p>
 * Allowed are the loopback names {@code localhost}, {@code 127.0.0.1} and {@code [::1]} on any port, plus the
 * configured hosts: {@code name} allows the name on any port, {@code name:port} only on that port, {@code "*"}
 * allows every host (turning the check off). Matching is exact and case-insensitive: {@code localhost.evil.com} is
 * not {@code localhost}. Behind a reverse proxy that sets {@code X-Forwarded-Host}, that header is checked instead
 * of {@code Host} when it is trusted ({@code mcp.server.security.trust-forwarded-host}); otherwise it is ignored.
 */
final class HostValidator {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private static final String FORWARDED_HOST = "X-Forwarded-Host";

    /** Hosts allowed on any port. */
    private final Set<String> anyPort;

    /** {@code host:port} pairs allowed. */
    private final Set<String> exact;

    private final boolean allowAll;

    private final boolean trustForwardedHost;

    HostValidator(List<String> allowedHosts, boolean trustForwardedHost) {
        this.trustForwardedHost = trustForwardedHost;
        this.allowAll = allowedHosts.stream().anyMatch(host -> host.trim().equals("*"));
        Set<String> names = new HashSet<>(LOOPBACK_HOSTS);
        Set<String> pairs = new HashSet<>();
        for (String entry : allowedHosts) {
            if (entry.isBlank() || entry.trim().equals("*")) {
                continue;
            }
            HostAndPort parsed = HostAndPort.parse(entry.trim());
            if (parsed == null) {
                throw new IllegalArgumentException("mcp.server.security.allowed-hosts: '" + entry + "' is not a host "
                        + "name, an IP address or [IPv6 address], with an optional :port");
            }
            if (parsed.port() == null) {
                names.add(parsed.host());
            }
            else {
                pairs.add(parsed.host() + ":" + parsed.port());
            }
        }
        this.anyPort = Set.copyOf(names);
        this.exact = Set.copyOf(pairs);
    }

    /** Refuses the request with 403 when the host it was sent to is not allowed. */
    void check(HttpServletRequest request) {
        if (allowAll) {
            return;
        }
        String header = "Host";
        String value = request.getHeader("Host");
        String forwarded = trustForwardedHost ? request.getHeader(FORWARDED_HOST) : null;
        if (forwarded != null && !forwarded.isBlank()) {
            header = FORWARDED_HOST;
            int comma = forwarded.indexOf(',');
            value = (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim(); // the client's, before any proxy
        }
        if (!isAllowed(value)) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("check", "host");
            data.put("header", header);
            data.put("host", value);
            throw new RequestRefusedException(HttpServletResponse.SC_FORBIDDEN, "Forbidden: Host check failed "
                    + "(DNS rebinding protection): " + (value == null ? "the request has no Host header"
                            : header + " '" + value + "' is not allowed to use this MCP endpoint; add it to "
                                    + "mcp.server.security.allowed-hosts"))
                .data(data);
        }
    }

    boolean isAllowed(String hostHeader) {
        if (allowAll) {
            return true;
        }
        HostAndPort parsed = hostHeader == null ? null : HostAndPort.parse(hostHeader);
        if (parsed == null) {
            return false;
        }
        return anyPort.contains(parsed.host()) || (parsed.port() != null && exact.contains(parsed.host() + ":"
                + parsed.port()));
    }

    /** A {@code Host} value split into a lower-case host (IPv6 in brackets) and an optional port. */
    record HostAndPort(String host, Integer port) {

        static @Nullable HostAndPort parse(String value) {
            if (value.isEmpty()) {
                return null;
            }
            String host;
            String port = null;
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                if (close < 0) {
                    return null;
                }
                host = value.substring(0, close + 1);
                String rest = value.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        return null;
                    }
                    port = rest.substring(1);
                }
                if (!host.substring(1, host.length() - 1).chars()
                    .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return null;
                }
            }
            else {
                int colon = value.indexOf(':');
                host = colon < 0 ? value : value.substring(0, colon);
                port = colon < 0 ? null : value.substring(colon + 1);
                if (host.isEmpty() || !host.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                        || c == '-' || c == '.' || c == '_')) {
                    return null;
                }
            }
            Integer number = null;
            if (port != null) {
                if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
                number = Integer.parseInt(port);
                if (number > 65535) {
                    return null;
                }
            }
            return new HostAndPort(host.toLowerCase(Locale.ROOT), number);
        }
    }
}
