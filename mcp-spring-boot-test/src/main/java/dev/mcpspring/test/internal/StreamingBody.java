package dev.mcpspring.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body written by the servlet on one thread and read by the client on another, without a bound (the
 * server never blocks on it). Ends when the response completes; once the client closes it, the server's next write
 * fails as it would on a broken connection.
 */
final class StreamingBody extends InputStream {

    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

    private volatile boolean closedByClient;

    private byte[] current;

    private int position;

    private boolean ended;

    /** Hands bytes to the reader; fails when the reader went away. */
    void write(byte[] bytes, int offset, int length) throws IOException {
        if (closedByClient) {
            throw new IOException("the in-process client closed the connection");
        }
        if (length > 0) {
            byte[] copy = new byte[length];
            System.arraycopy(bytes, offset, copy, 0, length);
            chunks.add(copy);
        }
    }

    /** The server finished the response. */
    void end() {
        chunks.add(END);
    }

    boolean isClosedByClient() {
        return closedByClient;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            if (ended || closedByClient) {
                return -1;
            }
            try {
                current = chunks.take();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading an in-process response");
            }
            position = 0;
            if (current == END) {
                ended = true;
                return -1;
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length - position;
    }

    @Override
    public void close() {
        closedByClient = true;
        chunks.add(END); // wakes a reader blocked on another thread
    }
}
