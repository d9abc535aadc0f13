package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client on a raw socket with a tiny receive buffer that sends one request, reads the response head and the
 * first SSE event (the priming event) and then stops reading: the server soon cannot write to it any more.
 */
final class StuckSseReader implements AutoCloseable {

    private static final Pattern EVENT_ID = Pattern.compile("id: (\\S+)\n");

    private final Socket socket = new Socket();

    private final String firstEventId;

    /** The last bytes read so far: the end of the chunked response may begin in them. */
    private String tail = "";

    private StuckSseReader(int port, String request) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        this.firstEventId = readFirstEventId();
    }

    /** Opens the session's GET stream and stops reading after its priming event. */
    static StuckSseReader get(int port, String sessionId, String protocolVersion) throws IOException {
        return new StuckSseReader(port, "GET /mcp HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAccept: text/event-stream\r\n" + sessionHeaders(sessionId, protocolVersion) + "\r\n");
    }

    /** POSTs {@code body} (a request answered with SSE) and stops reading after the priming event. */
    static StuckSseReader post(int port, String sessionId, String protocolVersion, String body) throws IOException {
        return new StuckSseReader(port, "POST /mcp HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + sessionHeaders(sessionId, protocolVersion) + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
    }

    /** The id of the priming event, to resume the stream from. */
    String firstEventId() {
        return firstEventId;
    }

    /**
     * Reads again, until the chunked response ends (its last chunk) or the server closes the connection.
     *
     * @return {@code false} when neither happened within {@code timeoutMillis} of silence
     */
    boolean readsToEnd(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                String window = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                if (window.contains("\r\n0\r\n\r\n")) {
                    return true;
                }
                tail = lastBytes(window);
            }
            return true;
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String lastBytes(String read) {
        return read.substring(Math.max(0, read.length() - 16));
    }

    private static String sessionHeaders(String sessionId, String protocolVersion) {
        return "Mcp-Session-Id: " + sessionId + "\r\nMCP-Protocol-Version: " + protocolVersion + "\r\n";
    }

    private String readFirstEventId() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        Matcher id = EVENT_ID.matcher("");
        while (!id.reset(seen.toString(StandardCharsets.UTF_8)).find()) {
            int n = in.read(buffer);
            assertThat(n).as("the stream's first event, after %s", seen).isPositive();
            seen.write(buffer, 0, n);
        }
        assertThat(seen.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
        tail = lastBytes(seen.toString(StandardCharsets.ISO_8859_1));
        return id.group(1);
    }
}
