package dev.mcpspring.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of modern (2026-07-28) requests that are still undecided, JSON or SSE. One that is still undecided
 * after a keep-alive interval becomes an SSE stream and gets keep-alive comments from then on: proxies see the
 * long request is alive, and a client that closes it is noticed at the next comment, which cancels the request
 * (closing the response is that revision's cancellation). Costs a map entry per request, no timer each.
 */
final class PendingResponses {

    private final Map<PostResponse, Long> pending = new ConcurrentHashMap<>();

    private final long intervalNanos;

    PendingResponses(SseKeepAlive keepAlive) {
        this.intervalNanos = keepAlive.intervalMillis() * 1_000_000;
        keepAlive.every(this::sweep);
    }

    /** Watches {@code response} until {@link #remove} (nothing when keep-alives are off). */
    void add(PostResponse response) {
        if (intervalNanos > 0) {
            pending.put(response, System.nanoTime());
        }
    }

    void remove(PostResponse response) {
        pending.remove(response);
    }

    private void sweep() {
        long now = System.nanoTime();
        pending.forEach((response, since) -> {
            if (now - since >= intervalNanos && pending.remove(response) != null) {
                response.keepAlive();
            }
        });
    }
}
