package dev.mcpspring.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The flusher's ticks: a waiting stream is drained at the next one, a stream that fails is aborted without
 * stopping the others, and the thread parks while no stream waits, to wake again for the next one.
 */
class SseFlusherTests {

    @Test
    void drainsAWaitingStreamAtTheNextTickAndParksWhileNoneWaits() {
        try (SseFlusher flusher = new SseFlusher()) {
            SseStream stream = mock(SseStream.class);

            flusher.flushSoon(stream);
            verify(stream, timeout(1000)).flushQueued();
            await().atMost(Duration.ofSeconds(2)).until(flusher::isIdle);

            flusher.flushSoon(stream); // wakes the parked thread
            verify(stream, timeout(1000).times(2)).flushQueued();
        }
    }

    @Test
    void aStreamThatFailsIsAbortedAndTheOthersAreStillDrained() {
        try (SseFlusher flusher = new SseFlusher()) {
            SseStream failing = mock(SseStream.class);
            doThrow(new IllegalStateException("connection reset")).when(failing).flushQueued();
            SseStream healthy = mock(SseStream.class);

            flusher.flushSoon(failing);
            flusher.flushSoon(healthy);

            verify(failing, timeout(1000)).abort();
            verify(healthy, timeout(1000)).flushQueued();
        }
    }
}
