package dev.mcpspring.server.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.RequestState;

/**
 * Where the calls of a {@link PeerHandle} to the client go when they are not requests sent in a session: the rounds
 * of a multi round-trip request ({@link InputRounds}), or a task's questions ({@link TaskInputs},
 * {@link LegacyTaskInputs}).
 */
interface InputChannel {

    /**
     * Asks the client {@code method}.
     *
     * @param name    the key the handler chose for the question ({@link PeerHandle#withInputKey}), or {@code null}
     * @param timeout how long the handler is prepared to wait, where the channel has time-outs
     */
    <T> CompletableFuture<T> call(@Nullable String name, String method, @Nullable Object params, Class<T> resultType,
            Duration timeout);

    /** The values the handler keeps with {@link PeerHandle#requestState()}. */
    RequestState values();

    /** The handler reported progress (besides any progress notification the handle sends). */
    default void progress(double progress, @Nullable Double total, @Nullable String message) {
    }
}
