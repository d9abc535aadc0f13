package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.mcpspring.server.McpRequestCancelledException;

/** {@link RequestCancellation}: callbacks run exactly once, whoever gets there first. */
class RequestCancellationTest {

    @Test
    void aCallbackRegisteredBeforeTheCancellationRunsOnce() {
        RequestCancellation cancellation = new RequestCancellation();
        AtomicInteger runs = new AtomicInteger();
        cancellation.onCancel(runs::incrementAndGet);

        cancellation.cancelByClient("stop");
        cancellation.cancel("again");

        assertThat(runs).hasValue(1);
        assertThat(cancellation.isCancelledByClient()).isTrue();
        assertThat(cancellation.reason()).isEqualTo("stop");
    }

    @Test
    void aCallbackRegisteredAfterTheCancellationRunsAtOnce() {
        RequestCancellation cancellation = new RequestCancellation();
        cancellation.cancel("the session was closed");
        AtomicInteger runs = new AtomicInteger();

        cancellation.onCancel(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
        assertThat(cancellation.isCancelledByClient()).isFalse();
    }

    @Test
    void aCallbackRegisteredWhileTheRequestIsBeingCancelledRunsExactlyOnce() throws Exception {
        for (int round = 0; round < 1_000; round++) {
            RequestCancellation cancellation = new RequestCancellation();
            AtomicInteger runs = new AtomicInteger();
            AtomicBoolean ready = new AtomicBoolean();
            AtomicBoolean go = new AtomicBoolean();
            Thread canceller = new Thread(() -> {
                ready.set(true);
                while (!go.get()) {
                    Thread.yield();
                }
                cancellation.cancel("race");
            });
            canceller.start();
            while (!ready.get()) {
                Thread.yield();
            }
            go.set(true);
            cancellation.onCancel(runs::incrementAndGet);
            canceller.join();

            assertThat(runs).as("callback runs in round %d", round).hasValue(1);
        }
    }

    @Test
    void aTrackedFutureEndsWhenTheRequestIsCancelled() {
        RequestCancellation cancellation = new RequestCancellation();
        CompletableFuture<String> call = cancellation.track(new CompletableFuture<>());

        cancellation.cancel("the session was closed");

        assertThat(call).isCompletedExceptionally();
        assertThat(call.handle((value, error) -> error).join()).isInstanceOf(McpRequestCancelledException.class)
            .hasMessageContaining("the session was closed");
    }

    @Test
    void aFutureThatEndedBeforeTheCancellationKeepsItsValueAndOneTrackedAfterItEndsAtOnce() {
        RequestCancellation cancellation = new RequestCancellation();
        CompletableFuture<String> answered = cancellation.track(new CompletableFuture<>());
        answered.complete("ok");

        cancellation.cancel("too late");
        CompletableFuture<String> afterwards = cancellation.track(new CompletableFuture<>());

        assertThat(answered.join()).isEqualTo("ok");
        assertThat(afterwards).isCompletedExceptionally();
    }
}
