package dev.mcpspring.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import dev.mcpspring.server.internal.HandlerExecutors;

/** Where the servlet runs the work of a request: on its own thread only when that is virtual. */
class RequestThreadExecutorTests {

    private final ExecutorService handlers = HandlerExecutors.create(2, 2);

    @AfterEach
    void shutDown() {
        handlers.shutdownNow();
    }

    @Test
    void anApplicationsOwnExecutorIsUsedAsItIs() {
        ExecutorService own = Executors.newSingleThreadExecutor();
        try {
            assertThat(RequestThreadExecutor.forRequests(own)).isSameAs(own);
        }
        finally {
            own.shutdownNow();
        }
    }

    @Test
    void onJava17TheHandlerPoolIsUsedAsItIs() {
        ExecutorService pool = HandlerExecutors.create(2, 2, false);
        try {
            assertThat(RequestThreadExecutor.forRequests(pool)).isSameAs(pool);
            assertThat(HandlerExecutors.isVirtual(Thread.currentThread())).isFalse();
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void onAPooledThreadTheWorkMovesToAVirtualThread() throws Exception {
        Executor requests = RequestThreadExecutor.forRequests(handlers);
        CompletableFuture<Thread> ran = new CompletableFuture<>();

        requests.execute(() -> ran.complete(Thread.currentThread()));

        Thread thread = ran.get(5, TimeUnit.SECONDS);
        assertThat(thread).isNotSameAs(Thread.currentThread());
        assertThat(HandlerExecutors.isVirtual(thread)).isTrue();
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void onAVirtualThreadTheWorkRunsOnItBeforeExecuteReturns() throws Exception {
        Executor requests = RequestThreadExecutor.forRequests(handlers);

        Boolean ranHere = handlers.submit(() -> {
            Thread request = Thread.currentThread();
            AtomicReference<Thread> ran = new AtomicReference<>();
            requests.execute(() -> ran.set(Thread.currentThread()));
            return ran.get() == request;
        }).get(5, TimeUnit.SECONDS);

        assertThat(ranHere).isTrue();
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void aFailureOnTheRequestsThreadGoesToItsUncaughtExceptionHandlerNotToTheCaller() throws Exception {
        Executor requests = RequestThreadExecutor.forRequests(handlers);
        AtomicReference<Throwable> uncaught = new AtomicReference<>();

        handlers.submit(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((thread, ex) -> uncaught.set(ex));
            requests.execute(() -> {
                throw new IllegalStateException("tool failed");
            });
            return null;
        }).get(5, TimeUnit.SECONDS);

        assertThat(uncaught.get()).isInstanceOf(IllegalStateException.class).hasMessage("tool failed");
    }
}
