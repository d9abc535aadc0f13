package dev.mcpspring.session;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcMessage;

/** {@link EventStore#none()}: keeps nothing, so no stream can be resumed. */
enum NoEventStore implements EventStore {

    INSTANCE;

    @Override
    public void append(String sessionId, String streamId, long sequence, @Nullable JsonRpcMessage message) {
    }

    @Override
    public void terminate(String sessionId, String streamId) {
    }

    @Override
    public Optional<Replay> replayAfter(String sessionId, String streamId, long sequence) {
        return Optional.empty();
    }

    @Override
    public void removeSession(String sessionId) {
    }
}
