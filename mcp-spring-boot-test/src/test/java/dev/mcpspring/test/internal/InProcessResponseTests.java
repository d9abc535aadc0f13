package dev.mcpspring.test.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The in-process response takes headers from two threads at once, as a container's does: the handler's thread
 * committing the response while the request's thread returns through a filter that adds its own.
 */
class InProcessResponseTests {

    @Test
    void headersAddedFromTwoThreadsAtOnceAreAllKept() throws Exception {
        InProcessResponse response = new InProcessResponse();
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (String name : List.of("handler", "filter")) {
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        response.addHeader("X-" + name + "-" + i, "v");
                    }
                }
                catch (InterruptedException | RuntimeException ex) {
                    failures.add(ex);
                }
            }, name);
            writer.start();
            writers.add(writer);
        }

        start.countDown();
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(failures).isEmpty();
        assertThat(response.getHeaderNames()).hasSize(40_000);
    }
}
