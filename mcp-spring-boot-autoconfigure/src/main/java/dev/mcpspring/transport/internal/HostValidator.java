package dev.mcpspring.transport.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

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
 * of {@code Host} when it is trusted ({@code mcp.server.security.trust-forwarded-host}), also when Spring's
 * {@code ForwardedHeaderFilter} has already consumed it ({@code server.forward-headers-strategy=framework});
 * otherwise it is ignored.
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
            if (!parsed.hasPort()) {
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
        String forwarded = trustForwardedHost ? forwardedHost(request, value) : null;
        if (forwarded != null) {
            header = FORWARDED_HOST;
            value = forwarded;
        }
        if (!isAllowed(value)) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("check", "host");
            data.put("header", header);
            data.put("host", value);
            throw new RequestRefusedException(HttpServletResponse.SC_FORBIDDEN, "Forbidden: Host check failed "
                    + "(DNS rebinding protection): " + (value == null ? "the request has no Host header"
                            : header + " '" + value + "' is not allowed to use this MCP endpoint; add it to "
                                    + "mcp.server.security.allowed-hosts" + untrustedForwardedHostHint(request)))
                .data(data);
        }
    }

    /**
     * Behind a proxy that sets {@code X-Forwarded-Host} and does not forward {@code Host}, the refused name is the
     * proxy's own upstream name: listing it would let any forwarded name through, so say what to do instead.
     */
    private String untrustedForwardedHostHint(HttpServletRequest request) {
        return trustForwardedHost || forwardedHost(request, request.getHeader("Host")) == null ? ""
                : " (or, behind a reverse proxy that sets X-Forwarded-Host, set "
                        + "mcp.server.security.trust-forwarded-host=true and list the forwarded name there)";
    }

    /**
     * The host the proxy forwarded: the first value of {@code X-Forwarded-Host} (the client's, before any further
     * proxy), or, when the application's own forwarded-header handling has already consumed that header (Spring's
     * {@code ForwardedHeaderFilter}, {@code server.forward-headers-strategy=framework}, removes it from the request
     * and answers {@code getServerName()} from it), the server name and port when they differ from {@code Host}'s;
     * {@code null} when nothing was forwarded.
     */
    private static @Nullable String forwardedHost(HttpServletRequest request, @Nullable String host) {
        String forwarded = request.getHeader(FORWARDED_HOST);
        if (forwarded != null && !forwarded.isBlank()) {
            int comma = forwarded.indexOf(',');
            return (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
        }
        String serverName = request.getServerName();
        HostAndPort received = host == null ? null : HostAndPort.parse(host);
        if (received == null || serverName == null || serverName.isEmpty()) {
            return null;
        }
        String name = serverName.indexOf(':') >= 0 && serverName.charAt(0) != '[' ? "[" + serverName + "]"
                : serverName;
        return name.equalsIgnoreCase(received.host()) ? null : name + ":" + request.getServerPort();
    }

    boolean isAllowed(String hostHeader) {
        if (allowAll) {
            return true;
        }
        HostAndPort parsed = hostHeader == null ? null : HostAndPort.parse(hostHeader);
        if (parsed == null) {
            return false;
        }
        return anyPort.contains(parsed.host())
                || (parsed.hasPort() && !exact.isEmpty() && exact.contains(parsed.host() + ":" + parsed.port()));
    }

    /**
     * A {@code Host} value split into a lower-case host (IPv6 in brackets) and a port, {@link #NO_PORT} when it has
     * none. Read with loops rather than streams: every request's {@code Host} goes through here.
     */
    record HostAndPort(String host, int port) {

        static final int NO_PORT = -1;

        static @Nullable HostAndPort parse(String value) {
            if (value.isEmpty()) {
                return null;
            }
            int hostEnd; // exclusive
            int portStart; // -1: no port
            if (value.charAt(0) == '[') {
                int close = value.indexOf(']');
                if (close < 0 || !all(value, 1, close, HostAndPort::isIpv6Char)) {
                    return null;
                }
                hostEnd = close + 1;
                if (hostEnd == value.length()) {
                    portStart = -1;
                }
                else if (value.charAt(hostEnd) == ':') {
                    portStart = hostEnd + 1;
                }
                else {
                    return null;
                }
            }
            else {
                int colon = value.indexOf(':');
                hostEnd = colon < 0 ? value.length() : colon;
                portStart = colon < 0 ? -1 : colon + 1;
                if (hostEnd == 0 || !all(value, 0, hostEnd, HostAndPort::isNameChar)) {
                    return null;
                }
            }
            int port = NO_PORT;
            if (portStart >= 0) {
                int digits = value.length() - portStart;
                if (digits == 0 || digits > 5 || !all(value, portStart, value.length(), c -> c >= '0' && c <= '9')) {
                    return null;
                }
                port = Integer.parseInt(value, portStart, value.length(), 10);
                if (port > 65535) {
                    return null;
                }
            }
            return new HostAndPort(value.substring(0, hostEnd).toLowerCase(Locale.ROOT), port);
        }

        boolean hasPort() {
            return port != NO_PORT;
        }

        private static boolean all(String value, int from, int to, IntPredicate test) {
            for (int i = from; i < to; i++) {
                if (!test.test(value.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isIpv6Char(int c) {
            return Character.digit(c, 16) >= 0 || c == ':' || c == '.';
        }

        private static boolean isNameChar(int c) {
            return Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_';
        }
    }
}
