package dev.mcpspring.test.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A servlet request of the in-process client whose asynchronous mode behaves as a container's: the response ends
 * when the servlet completes the {@link AsyncContext}, on whatever thread.
 */
final class InProcessRequest extends MockHttpServletRequest {

    private final InProcessResponse response;

    private volatile Async async;

    InProcessRequest(ServletContext servletContext, String method, String path, InProcessResponse response) {
        super(servletContext, method, path);
        this.response = response;
        setAsyncSupported(true);
    }

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, response);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse servletResponse) {
        Async started = new Async(request, servletResponse);
        async = started;
        return started;
    }

    @Override
    public boolean isAsyncStarted() {
        Async current = async;
        return current != null && !current.completed.get();
    }

    @Override
    public AsyncContext getAsyncContext() {
        Async current = async;
        if (current == null) {
            throw new IllegalStateException("asynchronous processing was not started");
        }
        return current;
    }

    /** Called when the servlet's {@code service} returned: a response not made asynchronous is over. */
    void serviceReturned() {
        if (async == null) {
            response.end();
        }
    }

    /** The asynchronous context: completing it ends the response and tells the listeners. */
    private final class Async implements AsyncContext {

        private final ServletRequest request;

        private final ServletResponse servletResponse;

        private final List<AsyncListener> listeners = new CopyOnWriteArrayList<>();

        private final AtomicBoolean completed = new AtomicBoolean();

        private volatile long timeout;

        Async(ServletRequest request, ServletResponse servletResponse) {
            this.request = request;
            this.servletResponse = servletResponse;
        }

        @Override
        public ServletRequest getRequest() {
            return request;
        }

        @Override
        public ServletResponse getResponse() {
            return servletResponse;
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return request == InProcessRequest.this && servletResponse == response;
        }

        @Override
        public void dispatch() {
            throw new UnsupportedOperationException("the in-process MCP client does not dispatch");
        }

        @Override
        public void dispatch(String path) {
            dispatch();
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            dispatch();
        }

        @Override
        public void complete() {
            if (!completed.compareAndSet(false, true)) {
                throw new IllegalStateException("the asynchronous request is already complete");
            }
            response.end();
            AsyncEvent event = new AsyncEvent(this, request, servletResponse);
            for (AsyncListener listener : listeners) {
                try {
                    listener.onComplete(event);
                }
                catch (IOException ex) {
                    // a listener's failure does not undo the completion
                }
            }
        }

        @Override
        public void start(Runnable run) {
            Thread thread = new Thread(run, "mcp-in-process-async");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void addListener(AsyncListener listener) {
            listeners.add(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            listeners.add(listener);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) {
            try {
                return type.getDeclaredConstructor().newInstance();
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot create " + type.getName(), ex);
            }
        }

        @Override
        public void setTimeout(long timeout) {
            this.timeout = timeout;
        }

        @Override
        public long getTimeout() {
            return timeout;
        }
    }
}
