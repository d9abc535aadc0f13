package dev.mcpspring.transport.stdio.internal;

import java.util.ArrayList;
import java.util.List;

import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.MessageSink;

/**
 * A view of the output for one purpose (a request's messages, the session's stream, a subscription): over stdio
 * every message shares the one pipe, but each view is closed on its own, and {@link #disconnect} is how a request
 * learns that its client cancelled it (stdio has no per-request stream to close: {@code notifications/cancelled}
 * is the signal).
 */
final class StdioSink implements MessageSink {

    private final StdioOutput output;

    private final List<Runnable> disconnectCallbacks = new ArrayList<>(1);

    private volatile boolean closed;

    StdioSink(StdioOutput output) {
        this.output = output;
    }

    @Override
    public boolean send(JsonRpcMessage message) {
        return !closed && output.write(message);
    }

    @Override
    public void onDisconnect(Runnable callback) {
        boolean now;
        synchronized (disconnectCallbacks) {
            now = closed;
            if (!now) {
                disconnectCallbacks.add(callback);
            }
        }
        if (now) {
            callback.run();
        }
    }

    /** Closes this view and tells whoever listens that the client is gone from it. */
    void disconnect() {
        List<Runnable> callbacks;
        synchronized (disconnectCallbacks) {
            if (closed) {
                return;
            }
            closed = true;
            callbacks = List.copyOf(disconnectCallbacks);
            disconnectCallbacks.clear();
        }
        callbacks.forEach(Runnable::run);
    }

    @Override
    public boolean isOpen() {
        return !closed && output.isOpen();
    }

    @Override
    public void close() {
        synchronized (disconnectCallbacks) {
            closed = true;
            disconnectCallbacks.clear();
        }
    }
}
