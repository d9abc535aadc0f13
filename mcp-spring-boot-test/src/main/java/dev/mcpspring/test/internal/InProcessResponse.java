package dev.mcpspring.test.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import org.jspecify.annotations.Nullable;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A servlet response whose body streams to an in-process client: its head is handed over at the first flush (as a
 * container commits a response), or when the response ends.
 * <p>
 * Its status and headers may be set from two threads at once, as a container's: the handler's thread commits the
 * response while the request's thread is still returning through the filters, and a filter may add headers on its
 * way out (Spring Security's {@code HeaderWriterFilter} does, unless the response was committed). The mock's own
 * header map is not thread-safe, so every access to the head is synchronized here.
 */
final class InProcessResponse extends MockHttpServletResponse {

    private final StreamingBody body = new StreamingBody();

    private final CompletableFuture<HttpExchange.Response> head = new CompletableFuture<>();

    private final ServletOutputStream out = new Output();

    private PrintWriter writer;

    /** Completes with the status and headers once the response is committed. */
    CompletableFuture<HttpExchange.Response> head() {
        return head;
    }

    /** The response is over: the head is handed over if it was not yet, and the body ends. */
    void end() {
        commit();
        body.end();
    }

    private synchronized void commit() {
        if (!head.isDone()) {
            setCommitted(true);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : getHeaderNames()) {
                headers.put(name, new ArrayList<>(getHeaders(name)));
            }
            if (getContentType() != null) {
                headers.put("Content-Type", List.of(getContentType()));
            }
            head.complete(HttpExchange.Response.of(getStatus(), headers, body));
        }
    }

    @Override
    public synchronized void setHeader(String name, @Nullable String value) {
        super.setHeader(name, value);
    }

    @Override
    public synchronized void addHeader(String name, @Nullable String value) {
        super.addHeader(name, value);
    }

    @Override
    public synchronized void setIntHeader(String name, int value) {
        super.setIntHeader(name, value);
    }

    @Override
    public synchronized void addIntHeader(String name, int value) {
        super.addIntHeader(name, value);
    }

    @Override
    public synchronized void setDateHeader(String name, long value) {
        super.setDateHeader(name, value);
    }

    @Override
    public synchronized void addDateHeader(String name, long value) {
        super.addDateHeader(name, value);
    }

    @Override
    public synchronized void setContentType(@Nullable String contentType) {
        super.setContentType(contentType);
    }

    @Override
    public synchronized void setContentLength(int contentLength) {
        super.setContentLength(contentLength);
    }

    @Override
    public synchronized void setStatus(int status) {
        super.setStatus(status);
    }

    @Override
    public synchronized boolean containsHeader(String name) {
        return super.containsHeader(name);
    }

    @Override
    public synchronized @Nullable String getHeader(String name) {
        return super.getHeader(name);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return out;
    }

    @Override
    public synchronized PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(out, Charset.forName(getCharacterEncoding())));
        }
        return writer;
    }

    @Override
    public void flushBuffer() {
        commit();
    }

    /** Writes straight through to the client; always ready, since the client's side has no bound. */
    private final class Output extends ServletOutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            body.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            commit();
            if (body.isClosedByClient()) {
                throw new IOException("the in-process client closed the connection");
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // as a container does: the listener is told, on another thread, that it may write
            CompletableFuture.runAsync(() -> {
                try {
                    listener.onWritePossible();
                }
                catch (IOException ex) {
                    listener.onError(ex);
                }
            });
        }
    }
}
