package dev.mcpspring.transport.internal;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

import dev.mcpspring.protocol.JsonRpcCodec;

/**
 * Opens {@link SseStream SSE connections} on asynchronous responses with the transport's settings (priming
 * {@code retry}, output bound) and keeps them alive with comment lines; all of them share one event encoder and
 * one {@link SseFlusher}.
 */
final class SseConnections implements AutoCloseable {

    private final SseEventEncoder encoder;

    private final SseKeepAlive keepAlive;

    private final SseFlusher flusher = new SseFlusher();

    private final long retryMillis;

    private final long maxBufferedBytes;

    private final PendingResponses pending;

    /** The streams whose response has started and not yet ended. */
    private final AtomicInteger open = new AtomicInteger();

    SseConnections(JsonRpcCodec codec, TransportSettings settings) {
        this.encoder = new SseEventEncoder(codec);
        this.keepAlive = new SseKeepAlive(settings.keepAliveInterval());
        this.retryMillis = settings.sseRetry().toMillis();
        this.maxBufferedBytes = settings.sseMaxBufferedBytes();
        this.pending = new PendingResponses(keepAlive);
    }

    /** The undecided answers of modern requests, which turn into kept-alive streams when they take long. */
    PendingResponses pending() {
        return pending;
    }

    /** A new stream on {@code response}; nothing is written, and no keep-alive sent, until it is opened or sent to. */
    SseStream open(AsyncContext async, HttpServletResponse response) {
        return new SseStream(async, response, encoder, keepAlive, flusher, retryMillis, maxBufferedBytes, open);
    }

    /** How many streams are open now. */
    int openCount() {
        return open.get();
    }

    @Override
    public void close() {
        keepAlive.close();
        flusher.close();
    }
}
