package dev.mcpspring.test.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockFilterChain;

/**
 * Requests handed to the MCP servlet in this JVM, through the application's servlet filters (Spring Security's
 * among them), without a port: the servlet runs as in a container, asynchronous responses and SSE streams
 * included, and the client reads its response as it is written.
 */
public final class InProcessExchange implements HttpExchange {

    private final ServletContext servletContext;

    private final Servlet servlet;

    private final List<Filter> filters;

    private final String path;

    /**
     * @param servletContext the application's servlet context
     * @param servlet        the MCP servlet
     * @param filters        the filters that apply to the MCP endpoint, in order
     * @param path           the endpoint's path, e.g. {@code /mcp}
     */
    public InProcessExchange(ServletContext servletContext, Servlet servlet, List<Filter> filters, String path) {
        this.servletContext = servletContext;
        this.servlet = servlet;
        this.filters = List.copyOf(filters);
        this.path = path;
    }

    @Override
    public Response send(String method, Map<String, String> headers, byte @Nullable [] body, Duration timeout)
            throws IOException {
        InProcessResponse response = new InProcessResponse();
        InProcessRequest request = new InProcessRequest(servletContext, method, path, response);
        request.setServletPath(path);
        request.setServerName("localhost");
        request.setRemoteAddr("127.0.0.1");
        request.addHeader("Host", "localhost");
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setContent(body);
        }
        try {
            new MockFilterChain(servlet, filters.toArray(Filter[]::new)).doFilter(request, response);
        }
        catch (ServletException ex) {
            throw new IOException("the MCP servlet failed: " + ex.getMessage(), ex);
        }
        request.serviceReturned();
        try {
            return response.head().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the in-process response");
        }
        catch (ExecutionException ex) {
            throw new IOException(ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new HttpTimeoutException("no response to " + method + " " + path + " within " + timeout);
        }
    }

    @Override
    public String toString() {
        return "in-process " + path;
    }
}
