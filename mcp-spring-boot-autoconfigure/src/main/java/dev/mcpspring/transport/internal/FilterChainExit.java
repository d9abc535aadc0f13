package dev.mcpspring.transport.internal;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.jspecify.annotations.Nullable;

/**
 * Tells a request's handler when the request's own thread has left the servlet filters, so that the handler
 * writes the response only then.
 * <p>
 * The servlet answers asynchronously: the handler runs on another thread while the request's thread returns
 * through the filters, and some filters write to the response on their way out (Spring Security's
 * {@code HeaderWriterFilter} adds its headers after the chain unless the response is committed). Neither the
 * container's response nor the filters are made for two threads setting headers at once: a header could be lost
 * (the {@code Mcp-Session-Id} of an {@code initialize}, say). The {@linkplain #filter() filter} runs outermost, and
 * a handler on another thread {@linkplain #await() waits} for it before it runs; the wait is over at once unless
 * the handler starts within the few microseconds the filters take to unwind. A stream's writes from other threads
 * (the SSE flusher, a message sent to a GET stream by another request) do not wait: they are
 * {@linkplain #mayWriteNow(Runnable) handed} to the request's thread as it leaves.
 */
public final class FilterChainExit {

    private static final String ATTRIBUTE = FilterChainExit.class.getName();

    private final Thread requestThread = Thread.currentThread();

    private final CountDownLatch left = new CountDownLatch(1);

    /** What to write as the request's thread leaves the filters, set by another thread that could not write. */
    private volatile @Nullable Runnable writeOnLeaving;

    private FilterChainExit() {
    }

    /** The filter that marks the exit: it must run before (outside) every other filter of the endpoint. */
    public static Filter filter() {
        return new ExitFilter();
    }

    /** The exit of {@code request}'s thread, or {@code null} when the filter did not see the request (or none). */
    static @Nullable FilterChainExit of(@Nullable ServletRequest request) {
        return request == null ? null : (FilterChainExit) request.getAttribute(ATTRIBUTE);
    }

    /** Waits until the request's thread has left the filters (at once on that thread itself). */
    void await() {
        if (Thread.currentThread() == requestThread) {
            return;
        }
        try {
            left.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the calling thread may write the response now: it is the request's own thread, or that thread has
     * left the filters. When it may not, {@code write} runs on the request's thread as it leaves them (the last
     * {@code write} handed over runs: a stream hands over one and the same drain).
     */
    boolean mayWriteNow(Runnable write) {
        if (left.getCount() == 0 || Thread.currentThread() == requestThread) {
            return true;
        }
        writeOnLeaving = write;
        // the request's thread may have left between the two reads without seeing write: then write here
        return left.getCount() == 0;
    }

    private void leave() {
        left.countDown();
        Runnable write = writeOnLeaving;
        if (write != null) {
            write.run();
        }
    }

    private static final class ExitFilter implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            FilterChainExit exit = new FilterChainExit();
            request.setAttribute(ATTRIBUTE, exit);
            try {
                chain.doFilter(request, response);
            }
            finally {
                exit.leave();
            }
        }
    }
}
