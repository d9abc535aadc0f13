package dev.mcpspring.test.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.test.McpNotification;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads what the server sends in one HTTP response: a JSON body, or an SSE stream of notifications, server requests
 * and finally the response to the client's request.
 */
final class ResponseReader {

    /**
     * Where a stream stopped.
     *
     * @param response    the JSON-RPC response to the request, {@code null} when the stream ended before it
     * @param lastEventId the id of the last event read, {@code null} when none had one
     * @param retry       the reconnection delay the server asked for in milliseconds, or -1
     * @param body        the body when it was not JSON-RPC, else {@code null}
     */
    record Read(@Nullable JsonNode response, @Nullable String lastEventId, long retry, @Nullable String body) {
    }

    private final ClientCore core;

    private final List<McpNotification> recorded;

    private final BiConsumer<JsonNode, JsonNode> serverRequests;

    /**
     * @param core           the client
     * @param recorded       where the notifications of this request go (besides the client's record)
     * @param serverRequests answers a server request: given its id and the request
     */
    ResponseReader(ClientCore core, List<McpNotification> recorded, BiConsumer<JsonNode, JsonNode> serverRequests) {
        this.core = core;
        this.recorded = recorded;
        this.serverRequests = serverRequests;
    }

    /**
     * Reads until the response to {@code id}, or the end of the body, for no longer than the client's time-out.
     *
     * @throws IOException when the time-out passed first
     */
    Read read(HttpExchange.Response http, @Nullable JsonNode id) throws IOException {
        ClientCore.Deadline deadline = core.deadline(http.body());
        Read read;
        try {
            read = readUnbounded(http, id);
        }
        catch (IOException ex) {
            throw deadline.end() ? new IOException("no response within " + core.timeout(), ex) : ex;
        }
        catch (RuntimeException ex) {
            deadline.end();
            throw ex;
        }
        if (deadline.end() && read.response() == null) {
            throw new IOException("no response within " + core.timeout());
        }
        return read;
    }

    /** Reads until the response to {@code id} ({@code null}: none) or the end of the body, however long. */
    Read readUnbounded(HttpExchange.Response http, @Nullable JsonNode id) throws IOException {
        if (!http.isEventStream()) {
            String text = new String(http.readAll(), StandardCharsets.UTF_8);
            JsonNode message = parse(text);
            return message != null && (message.has("result") || message.has("error"))
                    ? new Read(message, null, -1, null) : new Read(null, null, -1, text);
        }
        try (EventStreamReader events = new EventStreamReader(http.body())) {
            String lastEventId = null;
            long retry = -1;
            EventStreamReader.Event event;
            while ((event = events.next()) != null) {
                lastEventId = event.id() != null ? event.id() : lastEventId;
                retry = event.retry() >= 0 ? event.retry() : retry;
                JsonNode message = parse(event.data());
                if (message == null) {
                    continue; // a priming event
                }
                if (message.has("method")) {
                    dispatch(message);
                }
                else if (id != null && sameId(id, message.get("id"))) {
                    return new Read(message, lastEventId, retry, null);
                }
            }
            return new Read(null, lastEventId, retry, null);
        }
    }

    /** Reads a stream on a daemon thread until it ends; closing what this returns ends it. */
    AutoCloseable readInBackground(HttpExchange.Response http) {
        Thread thread = new Thread(() -> {
            try {
                readUnbounded(http, null);
            }
            catch (IOException ex) {
                // the stream was closed
            }
        }, "mcp-test-client-stream");
        thread.setDaemon(true);
        thread.start();
        return () -> http.body().close();
    }

    private void dispatch(JsonNode message) {
        if (message.has("id")) {
            serverRequests.accept(message.get("id"), message);
            return;
        }
        JsonNode params = message.get("params");
        McpNotification notification = new McpNotification(message.get("method").asString(),
                params == null ? core.mapper().createObjectNode() : params);
        recorded.add(notification);
        core.received(notification);
    }

    /** Whether two JSON-RPC ids are the same: numbers by value (1 and 1.0, int and long), strings as they are. */
    private static boolean sameId(JsonNode expected, @Nullable JsonNode actual) {
        if (actual == null) {
            return false;
        }
        return expected.isNumber() && actual.isNumber()
                ? expected.decimalValue().compareTo(actual.decimalValue()) == 0 : expected.equals(actual);
    }

    private @Nullable JsonNode parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = core.mapper().readTree(text);
            return node.isObject() ? node : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }
}
