package dev.mcpspring.transport.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of modern (2026-07-28) requests that are still undecided, JSON or SSE. One that is still undecided
 * after one to two keep-alive intervals becomes an SSE stream and gets keep-alive comments from then on: proxies
 * see the long request is alive, and a client that closes it is noticed at the next comment, which cancels the
 * request (closing the response is that revision's cancellation). Costs a map entry per request: no timer, no
 * clock reading.
 */
final class PendingResponses {

    /** Each response with whether a sweep has seen it already: the next sweep turns it into a stream. */
    private final Map<PostResponse, Boolean> pending = new ConcurrentHashMap<>();

    private final boolean enabled;

    /** Watches nothing: for answers written before the servlet returns. */
    static final PendingResponses NONE = new PendingResponses();

    PendingResponses(SseKeepAlive keepAlive) {
        this.enabled = keepAlive.intervalMillis() > 0;
        keepAlive.every(this::sweep);
    }

    private PendingResponses() {
        this.enabled = false;
    }

    /** Watches {@code response} until {@link #remove} (nothing when keep-alives are off). */
    void add(PostResponse response) {
        if (enabled) {
            pending.put(response, Boolean.FALSE);
        }
    }

    void remove(PostResponse response) {
        if (enabled) {
            pending.remove(response);
        }
    }

    /** Runs every keep-alive interval: what was pending at the last sweep already has waited one interval. */
    private void sweep() {
        pending.forEach((response, seen) -> {
            if (seen) {
                if (pending.remove(response, Boolean.TRUE)) {
                    response.keepAlive();
                }
            }
            else {
                pending.replace(response, Boolean.FALSE, Boolean.TRUE);
            }
        });
    }
}
