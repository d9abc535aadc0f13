package dev.mcpspring.server.internal;

import dev.mcpspring.protocol.McpException;

/**
 * Bounds of what clients make the server keep for their subscriptions: a 2025 session's {@code resources/subscribe}
 * calls and a 2026-07-28 {@code subscriptions/listen} stream's filter alike, and how many listen streams are open.
 *
 * @param maxPerClient     resources one session, or one listen stream, may be subscribed to
 * @param maxListenStreams {@code subscriptions/listen} streams open at once
 */
public record SubscriptionLimits(int maxPerClient, int maxListenStreams) {

    /** The longest URI a client may subscribe to (RFC 9110 recommends that URIs of 8,000 octets be supported). */
    public static final int MAX_URI_LENGTH = 8_000;

    public SubscriptionLimits {
        if (maxPerClient < 1 || maxListenStreams < 1) {
            throw new IllegalArgumentException("Subscription limits must be at least 1, but were " + maxPerClient
                    + " (mcp.server.session.max-subscriptions) and " + maxListenStreams
                    + " (mcp.server.session.max-listen-streams)");
        }
    }

    /** Refuses a URI longer than {@link #MAX_URI_LENGTH} with -32602 naming {@code method}. */
    static void checkUri(String method, String uri) {
        if (uri.length() > MAX_URI_LENGTH) {
            throw McpException.invalidParams(method + ": a URI has " + uri.length() + " characters; a subscription's "
                    + "URI has at most " + MAX_URI_LENGTH);
        }
    }

    /** Refuses more than {@code maxPerClient} subscriptions with -32602 and {@code advice}. */
    void checkCount(String method, int subscriptions, String advice) {
        if (subscriptions > maxPerClient) {
            throw McpException.invalidParams(method + ": " + subscriptions + " resource subscriptions are more than "
                    + "the " + maxPerClient + " a client may hold (mcp.server.session.max-subscriptions); " + advice);
        }
    }
}
