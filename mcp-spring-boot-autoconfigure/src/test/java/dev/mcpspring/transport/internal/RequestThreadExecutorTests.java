package dev.mcpspring.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import dev.mcpspring.protocol.internal.VirtualThreads;
import dev.mcpspring.server.internal.HandlerExecutors;

/**
 * Where the servlet runs the work of a request: on its own thread when the work cannot wait for the client or the
 * thread is virtual, with the starter's own handler executor only.
 */
class RequestThreadExecutorTests {

    private final ExecutorService handlers = HandlerExecutors.create(2, 2);

    private final ExecutorService pool = HandlerExecutors.create(2, 2, false);

    @AfterEach
    void shutDown() {
        handlers.shutdownNow();
        pool.shutdownNow();
    }

    @Test
    void workThatCannotWaitRunsOnTheRequestsThreadBeforeExecuteReturns() {
        for (ExecutorService starters : List.of(handlers, pool)) {
            AtomicReference<Thread> ran = new AtomicReference<>();

            undecorated(starters).execute(() -> ran.set(Thread.currentThread()), true);

            assertThat(ran.get()).isSameAs(Thread.currentThread());
        }
    }

    @Test
    void workThatMayWaitMovesToTheStartersPoolOnJava17() throws Exception {
        assertThat(ranOn(undecorated(pool), false).getName())
            .startsWith("mcp-handler-");
    }

    @Test
    void anApplicationsOwnExecutorRunsAllWorkEvenWhatCannotWait() throws Exception {
        ExecutorService own = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "own-executor"));
        try {
            RequestThreadExecutor requests = undecorated(own);

            assertThat(ranOn(requests, true).getName()).isEqualTo("own-executor");
            assertThat(ranOn(requests, false).getName()).isEqualTo("own-executor");
        }
        finally {
            own.shutdownNow();
        }
    }

    @Test
    void eachWayRunsItsOwnDecorators() throws Exception {
        List<String> decorated = new CopyOnWriteArrayList<>();
        RequestThreadExecutor requests = RequestThreadExecutor.of(pool, recordingAs("hand-over", decorated),
                recordingAs("here", decorated));

        Thread here = ranOn(requests, true);
        Thread handedOver = ranOn(requests, false);

        assertThat(decorated).containsExactly("here on " + here.getName(), "hand-over on " + handedOver.getName());
        assertThat(here).isSameAs(Thread.currentThread());
        assertThat(handedOver).isNotSameAs(Thread.currentThread());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void onAPooledThreadWorkThatMayWaitMovesToAVirtualThread() throws Exception {
        Thread thread = ranOn(undecorated(handlers), false);

        assertThat(thread).isNotSameAs(Thread.currentThread());
        assertThat(VirtualThreads.isVirtual(thread)).isTrue();
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void onAVirtualThreadAllWorkRunsOnItBeforeExecuteReturns() throws Exception {
        RequestThreadExecutor requests = undecorated(handlers);

        Boolean ranHere = handlers.submit(() -> {
            Thread request = Thread.currentThread();
            AtomicReference<Thread> ran = new AtomicReference<>();
            requests.execute(() -> ran.set(Thread.currentThread()), false);
            return ran.get() == request;
        }).get(5, TimeUnit.SECONDS);

        assertThat(ranHere).isTrue();
    }

    @Test
    void aFailureOnTheRequestsThreadGoesToItsUncaughtExceptionHandlerNotToTheCaller() throws Exception {
        RequestThreadExecutor requests = undecorated(pool);
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        Thread thread = Thread.currentThread();
        Thread.UncaughtExceptionHandler previous = thread.getUncaughtExceptionHandler();
        thread.setUncaughtExceptionHandler((failed, ex) -> uncaught.set(ex));
        try {
            requests.execute(() -> {
                throw new IllegalStateException("tool failed");
            }, true);
        }
        finally {
            thread.setUncaughtExceptionHandler(previous);
        }

        assertThat(uncaught.get()).isInstanceOf(IllegalStateException.class).hasMessage("tool failed");
    }

    private static RequestThreadExecutor undecorated(Executor handlers) {
        return RequestThreadExecutor.of(handlers, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** A decorator that records its name and the thread its work runs on. */
    private static UnaryOperator<Executor> recordingAs(String name, List<String> decorated) {
        return executor -> work -> executor.execute(() -> {
            decorated.add(name + " on " + Thread.currentThread().getName());
            work.run();
        });
    }

    private static Thread ranOn(RequestThreadExecutor requests, boolean immediate) throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        requests.execute(() -> ran.complete(Thread.currentThread()), immediate);
        return ran.get(5, TimeUnit.SECONDS);
    }
}
