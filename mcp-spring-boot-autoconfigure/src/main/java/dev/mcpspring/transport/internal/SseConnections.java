package dev.mcpspring.transport.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

import dev.mcpspring.protocol.JsonRpcCodec;

/**
 * Opens {@link SseStream SSE connections} on asynchronous responses with the transport's settings (priming
 * {@code retry}, output bound) and keeps them alive with comment lines; all of them share one event encoder.
 */
final class SseConnections implements AutoCloseable {

    private final SseEventEncoder encoder;

    private final SseKeepAlive keepAlive;

    private final long retryMillis;

    private final long maxBufferedBytes;

    private final PendingResponses pending;

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
        return new SseStream(async, response, encoder, keepAlive, retryMillis, maxBufferedBytes);
    }

    @Override
    public void close() {
        keepAlive.close();
    }
}
