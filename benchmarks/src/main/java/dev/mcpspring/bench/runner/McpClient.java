package dev.mcpspring.bench.runner;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mcpspring.bench.control.BenchProtocol;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An MCP client over {@link HttpConn}: initialize, tools/call with JSON or SSE answers, and answering the
 * server's sampling requests at once on a second connection.
 */
final class McpClient implements Closeable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One tools/call: how long it took, and every message it received. */
    record Call(long nanos, boolean sse, List<JsonNode> messages, JsonNode response) {

        String text() {
            JsonNode content = response.path("result").path("content");
            return content.isArray() && !content.isEmpty() ? content.get(0).path("text").asString("") : null;
        }
    }

    private final int port;

    private final int answerPort;

    private HttpConn conn;

    private HttpConn answers; // for client-to-server responses (sampling answers), opened on first use

    private String sessionId;

    private long nextId = 1;

    McpClient(int port) throws IOException {
        this(port, port);
    }

    /**
     * A client that sends its requests to {@code port} and its answers to the server's requests (sampling) to
     * {@code answerPort}: another instance sharing the sessions, which routes the answer to the one waiting.
     */
    McpClient(int port, int answerPort) throws IOException {
        this.port = port;
        this.answerPort = answerPort;
        this.conn = new HttpConn(port);
    }

    String sessionId() {
        return sessionId;
    }

    /** initialize, then notifications/initialized; this client then uses the new session. */
    String initialize() throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (nextId++) + ",\"method\":\"initialize\",\"params\":"
                + BenchProtocol.INITIALIZE_PARAMS + "}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        HttpConn.Response response = exchange("POST", headers, body.getBytes(StandardCharsets.UTF_8));
        String id = response.head().header("mcp-session-id");
        if (response.head().status() != 200 || id == null) {
            throw new IOException("initialize answered " + response.head().status() + ": " + response.text());
        }
        sessionId = id;
        HttpConn.Response initialized = exchange("POST", headers(),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8));
        if (initialized.head().status() != 202) {
            throw new IOException("notifications/initialized answered " + initialized.head().status());
        }
        return id;
    }

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        headers.put("Mcp-Session-Id", sessionId);
        headers.put("MCP-Protocol-Version", BenchProtocol.VERSION);
        return headers;
    }

    /**
     * Calls a tool and reads its whole answer. The time runs from writing the request to reading the response
     * message (for SSE, the event that carries it). Sampling requests on the stream are answered at once.
     */
    Call call(String tool, String message, boolean progressToken) throws IOException {
        long id = nextId++;
        String meta = progressToken ? ",\"_meta\":{\"progressToken\":" + id + "}" : "";
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":{\"message\":\"" + message + "\"}" + meta + "}}")
            .getBytes(StandardCharsets.UTF_8);
        reconnectIfClosing();
        long start = System.nanoTime();
        conn.send("POST", "/mcp", headers(), body);
        HttpConn.Head head = conn.readHead();
        if (head.status() != 200) {
            throw new IOException("tools/call " + tool + " answered " + head.status() + ": "
                    + new String(conn.readBody(head), StandardCharsets.UTF_8));
        }
        List<JsonNode> messages = new ArrayList<>(2);
        if (!head.isEventStream()) {
            JsonNode response = JSON.readTree(conn.readBody(head));
            long nanos = System.nanoTime() - start;
            messages.add(response);
            return new Call(nanos, false, messages, response);
        }
        SseParser parser = new SseParser();
        JsonNode response = null;
        long nanos = 0;
        // an answer written at once may come with a Content-Length rather than chunked
        byte[] whole = head.chunked() ? null : conn.readBody(head);
        for (byte[] chunk = head.chunked() ? conn.readChunk() : whole; chunk != null;
                chunk = head.chunked() ? conn.readChunk() : null) {
            for (String data : parser.feed(chunk)) {
                JsonNode event = JSON.readTree(data);
                messages.add(event);
                if (event.has("method") && event.has("id")) {
                    answer(event);
                }
                else if (!event.has("method") && event.path("id").asLong(-1) == id) {
                    response = event;
                    nanos = System.nanoTime() - start;
                }
            }
        }
        if (response == null) {
            throw new IOException("the SSE answer to tools/call " + tool + " ended without a response: " + messages);
        }
        return new Call(nanos, true, messages, response);
    }

    /**
     * Calls a tool as a stateless 2026-07-28 client (no session; version, method and tool name in headers, the
     * client in {@code params._meta}) and reads its whole answer, which must be JSON and open no session.
     */
    Call callStateless(String tool, String message) throws IOException {
        long id = nextId++;
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":{\"message\":\"" + message + "\"},\"_meta\":"
                + BenchProtocol.STATELESS_META + "}}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        headers.put("MCP-Protocol-Version", BenchProtocol.STATELESS_VERSION);
        headers.put("Mcp-Method", "tools/call");
        headers.put("Mcp-Name", tool);
        long start = System.nanoTime();
        HttpConn.Response answer = exchange("POST", headers, body);
        long nanos = System.nanoTime() - start;
        if (answer.head().status() != 200 || answer.head().isEventStream()
                || answer.head().header("mcp-session-id") != null) {
            throw new IOException("stateless tools/call " + tool + " answered " + answer.head().status() + " "
                    + answer.head().headers() + ": " + answer.text());
        }
        JsonNode response = JSON.readTree(answer.body());
        return new Call(nanos, false, List.of(response), response);
    }

    /** Answers a request from the server: sampling at once with a fixed text, anything else with an error. */
    private void answer(JsonNode request) throws IOException {
        String answer;
        if ("sampling/createMessage".equals(request.path("method").asString())) {
            answer = "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":{\"role\":\"assistant\","
                    + "\"content\":{\"type\":\"text\",\"text\":\"ok\"},\"model\":\"bench-model\","
                    + "\"stopReason\":\"endTurn\"}}";
        }
        else {
            answer = "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id")
                    + ",\"error\":{\"code\":-32601,\"message\":\"not supported by the benchmark client\"}}";
        }
        if (answers == null || answers.closing()) {
            if (answers != null) {
                answers.close();
            }
            answers = new HttpConn(answerPort);
        }
        HttpConn.Response response = answers.exchange("POST", "/mcp", headers(),
                answer.getBytes(StandardCharsets.UTF_8));
        if (response.head().status() != 202) {
            throw new IOException("the answer to " + request.path("method").asString() + " got "
                    + response.head().status() + ": " + response.text());
        }
    }

    HttpConn.Response exchange(String method, Map<String, String> headers, byte[] body) throws IOException {
        reconnectIfClosing();
        return conn.exchange(method, "/mcp", headers, body);
    }

    private void reconnectIfClosing() throws IOException {
        if (conn.closing()) {
            conn.close();
            conn = new HttpConn(port);
        }
    }

    @Override
    public void close() {
        conn.close();
        if (answers != null) {
            answers.close();
        }
    }

    /** Creates {@code count} initialized sessions through HTTP on {@code parallelism} connections. */
    static List<String> createSessions(int port, int count, int parallelism) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                workers.add(pool.submit(() -> {
                    try (McpClient client = new McpClient(port)) {
                        while (left.getAndDecrement() > 0) {
                            ids.add(client.initialize());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(ids);
    }

    /** Splits an SSE body into the data of its events. */
    static final class SseParser {

        private final StringBuilder pending = new StringBuilder();

        List<String> feed(byte[] bytes) {
            pending.append(new String(bytes, StandardCharsets.UTF_8));
            List<String> events = new ArrayList<>(2);
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
                String block = pending.substring(0, end);
                pending.delete(0, end + 2);
                StringBuilder data = new StringBuilder();
                for (String line : block.split("\n")) {
                    if (line.startsWith("data:")) {
                        if (!data.isEmpty()) {
                            data.append('\n');
                        }
                        data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
                    }
                }
                if (!data.isEmpty()) {
                    events.add(data.toString());
                }
            }
            return events;
        }
    }
}
