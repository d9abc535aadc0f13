package dev.mcpspring.bench.runner;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive connection to 127.0.0.1: small enough that its own cost
 * does not hide what is measured, and able to read a chunked SSE body event by event.
 */
final class HttpConn implements Closeable {

    /** Status line and headers of a response; header names in lower case. */
    record Head(int status, Map<String, String> headers) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean chunked() {
            String encoding = header("transfer-encoding");
            return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
        }

        boolean isEventStream() {
            String type = header("content-type");
            return type != null && type.startsWith("text/event-stream");
        }
    }

    /** A complete response. */
    record Response(Head head, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;

    private final Socket socket;

    private final InputStream in;

    private final OutputStream out;

    private boolean closeAfterResponse;

    HttpConn(int port) throws IOException {
        this(port, 10_000);
    }

    HttpConn(int port, int timeoutMillis) throws IOException {
        this.port = port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    /** Sends a request; read its answer with {@link #readHead()} and a body method. */
    void send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder request = new StringBuilder(256).append(method).append(' ').append(path)
            .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            request.append("Content-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            out.write(head);
        }
        else {
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            out.write(all);
        }
        out.flush();
    }

    Head readHead() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.1 ") && !statusLine.startsWith("HTTP/1.0 ")) {
            throw new IOException("Not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        Head head = new Head(status, headers);
        String connection = head.header("connection");
        closeAfterResponse = connection != null && connection.equalsIgnoreCase("close");
        return head;
    }

    /** The next chunk of a chunked body, or {@code null} after the last one (trailers consumed). */
    byte[] readChunk() throws IOException {
        String sizeLine = readLine();
        int semicolon = sizeLine.indexOf(';');
        int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
            while (!readLine().isEmpty()) {
                // trailers
            }
            return null;
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size) {
            throw new EOFException("connection closed in a chunk");
        }
        readLine();
        return chunk;
    }

    /** The whole body of a response whose head was read. */
    byte[] readBody(Head head) throws IOException {
        if (head.chunked()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] chunk = readChunk(); chunk != null; chunk = readChunk()) {
                body.write(chunk);
            }
            return body.toByteArray();
        }
        String length = head.header("content-length");
        if (length != null) {
            int size = Integer.parseInt(length);
            byte[] body = in.readNBytes(size);
            if (body.length < size) {
                throw new EOFException("connection closed in the body");
            }
            return body;
        }
        if (head.status() == 204 || head.status() == 304 || head.status() / 100 == 1) {
            return new byte[0];
        }
        closeAfterResponse = true;
        return in.readAllBytes();
    }

    Response exchange(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        send(method, path, headers, body);
        Head head = readHead();
        return new Response(head, readBody(head));
    }

    /** Whether the server said it closes the connection after the last response. */
    boolean closing() {
        return closeAfterResponse;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // closing anyway
        }
    }
}
