package dev.mcpspring.server.internal;

import java.time.Duration;

import dev.mcpspring.protocol.internal.ProtocolVersions;

/**
 * How the server serves the revisions it is configured for, above all the modern (2026-07-28) ones.
 *
 * @param versions        the enabled protocol revisions
 * @param sealer          seals the {@code requestState} of multi round-trip requests
 * @param requestStateTtl how long a sealed {@code requestState} is accepted after it was issued
 * @param maxRequestStateLength the longest {@code requestState} issued, in characters: one the client could not send
 *                        back within the body limit is never issued
 * @param caching         the caching hints of cacheable results
 */
public record ModernSettings(ProtocolVersions versions, RequestStateSealer sealer, Duration requestStateTtl,
        int maxRequestStateLength, CachingHints caching) {

    /**
     * The caching hints ({@code ttlMs}, {@code cacheScope}) of the results the revision makes cacheable.
     *
     * @param listTtl   freshness of {@code server/discover} and the list results
     * @param listScope {@code public} or {@code private}, for the same results
     * @param readTtl   freshness of {@code resources/read} results
     * @param readScope {@code public} or {@code private}, for {@code resources/read}
     */
    public record CachingHints(Duration listTtl, String listScope, Duration readTtl, String readScope) {

        public CachingHints {
            checkScope(listScope);
            checkScope(readScope);
            if (listTtl.isNegative() || readTtl.isNegative()) {
                throw new IllegalArgumentException("A cache time-to-live must not be negative");
            }
        }

        private static void checkScope(String scope) {
            if (!"public".equals(scope) && !"private".equals(scope)) {
                throw new IllegalArgumentException("A cache scope is 'public' or 'private', not '" + scope + "'");
            }
        }
    }
}
