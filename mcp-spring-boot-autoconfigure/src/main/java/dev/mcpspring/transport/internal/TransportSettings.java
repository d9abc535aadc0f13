package dev.mcpspring.transport.internal;

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
 * @param sseRetry           the {@code retry} delay sent with priming events; zero sends none
 * @param ssePolling         close every request's SSE connection right after its priming event (SEP-1699 polling),
 *                           for clients of 2025-11-25 or later
 * @param sseMaxBufferedBytes how far (in bytes of queued events) an SSE client may fall behind before it is
 *                           disconnected; it can resume with {@code Last-Event-ID}
 * @param cors               answer CORS preflight requests and add CORS headers for the allowed origins
 * @param corsMaxAge         how long a browser may cache the answer to a preflight request
 */
public record TransportSettings(long maxBodyBytes, Duration keepAliveInterval, boolean stateless,
        List<String> allowedOrigins, List<String> allowedHosts, boolean trustForwardedHost, Duration sseRetry,
        boolean ssePolling, long sseMaxBufferedBytes, boolean cors, Duration corsMaxAge) {

    /** The default of {@link #sseMaxBufferedBytes()}: 1 MiB. */
    public static final long DEFAULT_SSE_MAX_BUFFERED_BYTES = 1024 * 1024;

    /** The default of {@link #corsMaxAge()}: 30 minutes. */
    public static final Duration DEFAULT_CORS_MAX_AGE = Duration.ofMinutes(30);

    /**
     * The settings with DNS-rebinding protection for loopback hosts only, SSE defaults (1 s retry, no polling,
     * 1 MiB output bound) and CORS for the allowed origins.
     */
    public TransportSettings(long maxBodyBytes, Duration keepAliveInterval, boolean stateless,
            List<String> allowedOrigins) {
        this(maxBodyBytes, keepAliveInterval, stateless, allowedOrigins, List.of(), false, Duration.ofSeconds(1),
                false, DEFAULT_SSE_MAX_BUFFERED_BYTES, true, DEFAULT_CORS_MAX_AGE);
    }

    public TransportSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
        if (sseRetry == null || sseRetry.isNegative()) {
            throw new IllegalArgumentException("The SSE retry delay must not be negative: " + sseRetry);
        }
        if (sseMaxBufferedBytes < 1) {
            throw new IllegalArgumentException("The SSE output bound must be positive: " + sseMaxBufferedBytes);
        }
        if (corsMaxAge == null || corsMaxAge.isNegative()) {
            throw new IllegalArgumentException("The CORS max age must not be negative: " + corsMaxAge);
        }
    }
}
