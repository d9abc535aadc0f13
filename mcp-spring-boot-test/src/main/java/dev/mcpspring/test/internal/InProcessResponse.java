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

import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A servlet response whose body streams to an in-process client: its head is handed over at the first flush (as a
 * container commits a response), or when the response ends.
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

    private void commit() {
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
