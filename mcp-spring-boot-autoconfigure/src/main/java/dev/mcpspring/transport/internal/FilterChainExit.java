package dev.mcpspring.transport.internal;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
 * (the SSE flusher, a message sent to a GET stream by another request) go ahead while the servlet runs (a tool that
 * runs on the request's thread streams as it goes), and between the servlet's return ({@link #servletReturned()},
 * which waits for a write under way) and the request thread's exit they are {@linkplain #write(Runnable) handed}
 * to that thread, which makes them as it leaves.
 */
public final class FilterChainExit {

    private static final String ATTRIBUTE = FilterChainExit.class.getName();

    private final Thread requestThread = Thread.currentThread();

    private final CountDownLatch left = new CountDownLatch(1);

    /** What to write as the request's thread leaves the filters, set by another thread that could not write. */
    private volatile @Nullable Runnable writeOnLeaving;

    /** Set when the servlet has returned and the filters unwind; other threads do not write then. */
    private volatile boolean unwinding;

    /** Read-held by another thread while it writes; write-held to start unwinding once no such write is under way. */
    private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();

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

    /** Of {@code request}: its servlet has returned, so the filters unwind and other threads must not write. */
    static void servletReturned(ServletRequest request) {
        FilterChainExit exit = of(request);
        if (exit != null && Thread.currentThread() == exit.requestThread) {
            exit.writes.writeLock().lock(); // a write under way on another thread ends first
            exit.unwinding = true;
            exit.writes.writeLock().unlock();
        }
    }

    /**
     * Makes {@code write} to the response now, unless the filters are unwinding and the calling thread is another
     * than the request's: then the request's thread makes it as it leaves them (the last {@code write} handed over
     * runs: a stream hands over one and the same drain).
     */
    void write(Runnable write) {
        if (Thread.currentThread() == requestThread || left.getCount() == 0) {
            write.run();
            return;
        }
        Lock read = writes.readLock();
        read.lock();
        try {
            if (!unwinding) { // the servlet still runs: it does not return before this write is done
                write.run();
                return;
            }
        }
        finally {
            read.unlock();
        }
        writeOnLeaving = write;
        // the request's thread may have left between the two reads without seeing write: then write here
        if (left.getCount() == 0) {
            write.run();
        }
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
