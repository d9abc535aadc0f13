package dev.mcpspring.bench.runner;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Holds many standalone GET streams ({@code GET /mcp}, one per session) open on one selector thread, and notes when
 * each stream receives the n-th {@code notifications/tools/list_changed}. Cheap enough per stream (a socket and a
 * few bytes of state) that 10,000 of them cost the client little.
 */
final class StreamHolder implements Closeable {

    static final int MAX_BROADCASTS = 16;

    private static final byte[] MARKER = "notifications/tools/list_changed".getBytes(StandardCharsets.US_ASCII);

    private static final int[] FAILURE = failureFunction(MARKER);

    private final int port;

    private final List<String> sessionIds;

    private final int maxPendingConnects;

    private final Selector selector;

    private final Thread thread;

    private volatile boolean running = true;

    private final AtomicInteger opened = new AtomicInteger();

    private final AtomicInteger failed = new AtomicInteger();

    private final AtomicInteger closedByServer = new AtomicInteger();

    /** How many streams got the n-th broadcast, and when the last of them did (System.nanoTime). */
    private final AtomicIntegerArray delivered = new AtomicIntegerArray(MAX_BROADCASTS);

    private final AtomicLongArray lastArrival = new AtomicLongArray(MAX_BROADCASTS);

    private volatile String firstFailure;

    private final class Stream {

        final SocketChannel channel;

        final ByteBuffer request;

        final StringBuilder head = new StringBuilder();

        boolean headDone;

        int matched; // characters of MARKER matched so far (KMP state), across reads

        int received;

        Stream(SocketChannel channel, String sessionId) {
            this.channel = channel;
            this.request = ByteBuffer.wrap(("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + sessionId
                    + "\r\nMCP-Protocol-Version: 2025-11-25\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    StreamHolder(int port, List<String> sessionIds, int maxPendingConnects) throws IOException {
        this.port = port;
        this.sessionIds = sessionIds;
        this.maxPendingConnects = maxPendingConnects;
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, "stream-holder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int opened() {
        return opened.get();
    }

    int failed() {
        return failed.get();
    }

    int closedByServer() {
        return closedByServer.get();
    }

    String firstFailure() {
        return firstFailure;
    }

    int delivered(int broadcast) {
        return delivered.get(broadcast);
    }

    long lastArrival(int broadcast) {
        return lastArrival.get(broadcast);
    }

    /** Waits until every stream has its response head (or failed); false on time-out. */
    boolean awaitOpen(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (opened.get() + failed.get() < sessionIds.size()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        int next = 0;
        int pending = 0;
        try {
            while (running) {
                while (pending < maxPendingConnects && next < sessionIds.size()) {
                    String sessionId = sessionIds.get(next++);
                    SocketChannel channel = null;
                    try {
                        channel = SocketChannel.open();
                        channel.configureBlocking(false);
                        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        Stream stream = new Stream(channel, sessionId);
                        if (channel.connect(new InetSocketAddress("127.0.0.1", port))) {
                            channel.register(selector, SelectionKey.OP_WRITE, stream);
                        }
                        else {
                            channel.register(selector, SelectionKey.OP_CONNECT, stream);
                        }
                        pending++;
                    }
                    catch (IOException ex) {
                        if (channel != null) {
                            channel.close();
                        }
                        fail("connect: " + ex);
                    }
                }
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream stream = (Stream) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            stream.channel.finishConnect();
                            key.interestOps(SelectionKey.OP_WRITE);
                        }
                        if (key.isValid() && key.isWritable()) {
                            stream.channel.write(stream.request);
                            if (!stream.request.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        }
                        if (key.isValid() && key.isReadable()) {
                            buffer.clear();
                            int read = stream.channel.read(buffer);
                            if (read < 0) {
                                key.cancel();
                                stream.channel.close();
                                if (stream.headDone) {
                                    closedByServer.incrementAndGet();
                                }
                                else {
                                    pending--;
                                    fail("closed before the response head");
                                }
                                continue;
                            }
                            buffer.flip();
                            if (!stream.headDone) {
                                while (buffer.hasRemaining() && !stream.headDone) {
                                    stream.head.append((char) buffer.get());
                                    int length = stream.head.length();
                                    if (length >= 4 && stream.head.substring(length - 4).equals("\r\n\r\n")) {
                                        stream.headDone = true;
                                        pending--;
                                        if (stream.head.indexOf("HTTP/1.1 200") == 0
                                                && stream.head.indexOf("text/event-stream") > 0) {
                                            opened.incrementAndGet();
                                        }
                                        else {
                                            fail(stream.head.toString().lines().findFirst().orElse("?"));
                                            key.cancel();
                                            stream.channel.close();
                                        }
                                    }
                                }
                            }
                            if (stream.headDone && key.isValid()) {
                                scan(stream, buffer);
                            }
                        }
                    }
                    catch (IOException ex) {
                        key.cancel();
                        stream.channel.close();
                        if (!stream.headDone) {
                            pending--;
                        }
                        fail(ex.toString());
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        catch (IOException ex) {
            fail("selector: " + ex);
        }
    }

    /** Finds MARKER in the body bytes (KMP, so a marker split across reads is found too). */
    private void scan(Stream stream, ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            while (stream.matched > 0 && MARKER[stream.matched] != b) {
                stream.matched = FAILURE[stream.matched - 1];
            }
            if (MARKER[stream.matched] == b) {
                stream.matched++;
            }
            if (stream.matched == MARKER.length) {
                stream.matched = FAILURE[stream.matched - 1];
                int index = stream.received++;
                if (index < MAX_BROADCASTS) {
                    long now = System.nanoTime();
                    delivered.incrementAndGet(index);
                    lastArrival.accumulateAndGet(index, now, Math::max);
                }
            }
        }
    }

    private void fail(String why) {
        failed.incrementAndGet();
        if (firstFailure == null) {
            firstFailure = why;
        }
    }

    private static int[] failureFunction(byte[] pattern) {
        int[] failure = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = failure[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            failure[i] = k;
        }
        return failure;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            }
            catch (IOException ex) {
                // closing anyway
            }
        }
        try {
            selector.close();
        }
        catch (IOException ex) {
            // closing anyway
        }
    }
}
