package dev.mcpspring.test.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.test.McpNotification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session of the 2025 revisions: started by {@code initialize} on the first request, named by
 * {@code Mcp-Session-Id} on every later one, ended by DELETE. The server's requests arrive on the SSE streams and
 * are answered with POSTs; a stream that ends before its response is resumed with {@code Last-Event-ID}.
 */
public final class LegacyConnection implements Connection {

    private static final int MAX_RESUMPTIONS = 20;

    private final ClientCore core;

    private final String requestedVersion;

    private final OpenStreams streams = new OpenStreams();

    private volatile @Nullable String sessionId;

    private volatile @Nullable String negotiatedVersion;

    /**
     * @param core             the client
     * @param requestedVersion the version {@code initialize} asks for
     */
    public LegacyConnection(ClientCore core, String requestedVersion) {
        this.core = core;
        this.requestedVersion = requestedVersion;
    }

    @Override
    public Outcome request(String method, ObjectNode params) {
        start();
        long id = core.nextId();
        ObjectNode withToken = params.deepCopy();
        withToken.withObject("_meta").put("progressToken", "progress-" + id);
        return send(id, method, withToken);
    }

    /** Starts the session unless it has been started. */
    private synchronized void start() {
        if (negotiatedVersion != null) {
            return;
        }
        ObjectNode params = core.mapper().createObjectNode().put("protocolVersion", requestedVersion);
        params.set("capabilities", core.mapper().valueToTree(core.answers().capabilities()));
        params.set("clientInfo", core.mapper().valueToTree(ClientCore.CLIENT_INFO));
        long id = core.nextId();
        HttpExchange.Response http = post(core.request(id, "initialize", params));
        Outcome initialized = read(http, id, new CopyOnWriteArrayList<>());
        JsonNode result = initialized.response() == null ? null : initialized.response().get("result");
        if (result == null) {
            throw new IllegalStateException("the server refused initialize (HTTP " + initialized.httpStatus() + "): "
                    + (initialized.response() != null ? initialized.response().get("error") : initialized.body()));
        }
        sessionId = http.header("Mcp-Session-Id");
        negotiatedVersion = result.path("protocolVersion").asString(requestedVersion);
        ObjectNode notification = core.mapper().createObjectNode().put("jsonrpc", "2.0")
            .put("method", "notifications/initialized");
        discard(post(notification));
        if (core.logLevel() != null) {
            long setLevel = core.nextId();
            send(setLevel, "logging/setLevel", core.mapper().createObjectNode().put("level", core.logLevel()));
        }
    }

    private Outcome send(long id, String method, JsonNode params) {
        List<McpNotification> recorded = new CopyOnWriteArrayList<>();
        return read(post(core.request(id, method, params)), id, recorded);
    }

    /** Reads the response to request {@code id}, resuming the stream while it breaks off before it. */
    private Outcome read(HttpExchange.Response http, long id, List<McpNotification> recorded) {
        ResponseReader reader = new ResponseReader(core, recorded, this::answer);
        JsonNode idNode = core.mapper().getNodeFactory().numberNode(id);
        try {
            ResponseReader.Read read = reader.read(http, idNode);
            int status = http.status();
            for (int i = 0; read.response() == null && read.body() == null && read.lastEventId() != null
                    && i < MAX_RESUMPTIONS; i++) {
                pause(read.retry());
                Map<String, String> headers = headers(false);
                headers.put("Last-Event-ID", read.lastEventId());
                HttpExchange.Response resumed = core.exchange().send("GET", core.headers(headers), null,
                        core.timeout());
                status = resumed.status();
                if (status != 200) {
                    return new Outcome(null, status, new String(resumed.readAll()), List.copyOf(recorded));
                }
                read = reader.read(resumed, idNode);
            }
            return new Outcome(read.response(), status, read.body(), List.copyOf(recorded));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("request " + id + " to " + core.exchange() + " failed", ex);
        }
    }

    /** Answers a request of the server with a POST, as the test scripted. */
    private void answer(JsonNode id, JsonNode request) {
        ObjectNode answer = core.mapper().createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        try {
            answer.set("result", core.answers().answer(request.path("method").asString(), request.get("params")));
        }
        catch (ClientAnswers.UnscriptedRequestException ex) {
            answer.putObject("error").put("code", -32601).put("message", ex.getMessage());
        }
        catch (RuntimeException ex) {
            answer.putObject("error").put("code", -32603).put("message", "the test's scripted answer failed: " + ex);
        }
        discard(post(answer));
    }

    @Override
    public AutoCloseable listen() {
        start();
        HttpExchange.Response http = send("GET", null);
        if (http.status() != 200) {
            discard(http);
            throw new IllegalStateException("the server refused the session's GET stream: HTTP " + http.status());
        }
        ResponseReader reader = new ResponseReader(core, new CopyOnWriteArrayList<>(), this::answer);
        return streams.add(reader.readInBackground(http));
    }

    @Override
    public String protocolVersion() {
        return negotiatedVersion != null ? negotiatedVersion : requestedVersion;
    }

    @Override
    public @Nullable String sessionId() {
        return sessionId;
    }

    @Override
    public void close() {
        streams.closeAll();
        if (sessionId != null) {
            try {
                discard(send("DELETE", null));
            }
            catch (UncheckedIOException ex) {
                // the server may be gone already
            }
            sessionId = null;
        }
        negotiatedVersion = null;
    }

    private HttpExchange.Response post(JsonNode message) {
        return send("POST", core.bytes(message));
    }

    private HttpExchange.Response send(String method, byte @Nullable [] body) {
        try {
            return core.exchange().send(method, core.headers(headers(body != null)), body, core.timeout());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(method + " " + core.exchange() + " failed", ex);
        }
    }

    private Map<String, String> headers(boolean withBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", withBody ? "application/json, text/event-stream" : "text/event-stream");
        if (withBody) {
            headers.put("Content-Type", "application/json");
        }
        if (sessionId != null) {
            headers.put("Mcp-Session-Id", sessionId);
        }
        if (negotiatedVersion != null && ProtocolVersion.hasVersionHeader(negotiatedVersion)) {
            headers.put("MCP-Protocol-Version", negotiatedVersion);
        }
        return headers;
    }

    private static void discard(HttpExchange.Response http) {
        try {
            http.readAll();
        }
        catch (IOException ex) {
            // nothing to read
        }
    }

    private static void pause(long retryMillis) {
        try {
            Thread.sleep(Math.min(Math.max(retryMillis, 0), 5_000));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to resume a stream", ex);
        }
    }
}
