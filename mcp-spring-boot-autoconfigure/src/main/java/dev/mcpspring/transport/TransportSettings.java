package dev.mcpspring.transport;

import java.time.Duration;
import java.util.List;

/**
 * The settings of the Streamable HTTP transport.
 *
 * @param maxBodyBytes      the largest POST body accepted
 * @param keepAliveInterval how often an idle SSE stream gets a comment line; zero turns it off
 * @param stateless         no sessions: every POST stands alone
 * @param allowedOrigins    origins allowed besides loopback ones ({@code "*"} for all)
 */
public record TransportSettings(long maxBodyBytes, Duration keepAliveInterval, boolean stateless,
        List<String> allowedOrigins) {
}
