package dev.mcpspring.transport.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.mcpspring.protocol.McpJsonMapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The client's end of a stdio connection for in-process tests: two OS-level pipes ({@link Pipe}, which, unlike
 * {@code PipedInputStream}, do not care which threads write), the server's {@link StdioStreams}, and a reader that
 * parses every line the server writes. A line that is not JSON fails the test that reads it.
 */
final class StdioPipes implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final JsonMapper JSON = McpJsonMapper.create();

    private static final JsonNode END = JSON.createObjectNode().put("end", true);

    private final OutputStream toServer;

    private final StdioStreams serverStreams;

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

    /** Messages read while waiting for others, handed out by later waits. */
    private final List<JsonNode> stash = new ArrayList<>();

    StdioPipes() throws IOException {
        Pipe clientToServer = Pipe.open();
        Pipe serverToClient = Pipe.open();
        toServer = Channels.newOutputStream(clientToServer.sink());
        serverStreams = new StdioStreams(Channels.newInputStream(clientToServer.source()),
                Channels.newOutputStream(serverToClient.sink()));
        InputStream fromServer = Channels.newInputStream(serverToClient.source());
        Thread reader = new Thread(() -> read(fromServer), "stdio-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** What the server reads and writes. */
    StdioStreams serverStreams() {
        return serverStreams;
    }

    /** Writes one line to the server. */
    void send(String json) {
        sendBytes((json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) {
        try {
            toServer.write(bytes);
            toServer.flush();
        }
        catch (IOException ex) {
            throw new IllegalStateException("the server's input is closed", ex);
        }
    }

    /** The next message matching {@code wanted}; others received meanwhile stay for later waits. */
    JsonNode next(Predicate<JsonNode> wanted, String description) {
        synchronized (stash) {
            for (JsonNode message : stash) {
                if (wanted.test(message)) {
                    stash.remove(message);
                    return message;
                }
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                JsonNode message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null || message == END) {
                    return fail("no %s within %s (%s); unclaimed: %s", description, TIMEOUT,
                            message == null ? "time-out" : "the server's output ended", stash);
                }
                if (wanted.test(message)) {
                    return message;
                }
                synchronized (stash) {
                    stash.add(message);
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The response to the request {@code id}. */
    JsonNode response(Object id) {
        JsonNode expected = JSON.valueToTree(id);
        return next(message -> !message.has("method") && expected.equals(message.get("id")),
                "response to request " + id);
    }

    /** The next request or notification of {@code method}. */
    JsonNode message(String method) {
        return next(message -> method.equals(message.path("method").asString(null)), method);
    }

    /** Whether nothing matching {@code unwanted} arrives within {@code wait} (what has arrived is checked too). */
    boolean nothingArrives(Predicate<JsonNode> unwanted, Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        List<JsonNode> all = new ArrayList<>();
        received.drainTo(all);
        synchronized (stash) {
            stash.addAll(all);
            return stash.stream().noneMatch(unwanted);
        }
    }

    /** Closes the server's input: the end of input, as when a client closes the pipe. */
    @Override
    public void close() throws IOException {
        toServer.close();
    }

    private void read(InputStream fromServer) {
        try {
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            int n;
            while ((n = fromServer.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        String text = current.toString(StandardCharsets.UTF_8);
                        current.reset();
                        JsonNode message = JSON.readTree(text);
                        for (JsonNode each : message.isArray() ? message.values() : List.of(message)) {
                            assertThat(each.path("jsonrpc").asString()).as("a JSON-RPC message: %s", text)
                                .isEqualTo("2.0");
                        }
                        received.add(message);
                    }
                    else {
                        current.write(buffer[i]);
                    }
                }
            }
        }
        catch (IOException | RuntimeException | AssertionError ex) {
            received.add(JSON.createObjectNode().put("jsonrpc", "2.0").put("clientError", String.valueOf(ex)));
        }
        finally {
            received.add(END);
        }
    }
}
