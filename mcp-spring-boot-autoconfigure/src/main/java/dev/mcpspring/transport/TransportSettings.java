package dev.mcpspring.transport;

import java.time.Duration;
import java.util.List;

/**
 * The settings of the Streamable HTTP transport.
 *
 * @param maxBodyBytes       the largest POST body accepted
 * @param keepAliveInterval  how often an idle SSE stream gets a comment line; zero turns it off
 * @param stateless          no sessions: every POST stands alone
 * @param allowedOrigins     origins allowed besides loopback ones ({@code "*"} for all)
 * @param allowedHosts       {@code Host} values allowed besides loopback names ({@code "*"} for all); an entry
 *                           without port allows every port
 * @param trustForwardedHost check {@code X-Forwarded-Host} (set by a trusted proxy) instead of {@code Host} when
 *                           present
 */
public record TransportSettings(long maxBodyBytes, Duration keepAliveInterval, boolean stateless,
        List<String> allowedOrigins, List<String> allowedHosts, boolean trustForwardedHost) {

    /** The settings with DNS-rebinding protection for loopback hosts only. */
    public TransportSettings(long maxBodyBytes, Duration keepAliveInterval, boolean stateless,
            List<String> allowedOrigins) {
        this(maxBodyBytes, keepAliveInterval, stateless, allowedOrigins, List.of(), false);
    }

    public TransportSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
    }
}
