package dev.mcpspring.testclient;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The HTTP answer to one request to an MCP endpoint: status, headers and the body, readable either as one JSON
 * value ({@code application/json}) or as server-sent events ({@code text/event-stream}), and as the JSON-RPC
 * messages either one carries.
 * <p>
 * The accessors that expect something specific ({@link #json()}, {@link #response()}, {@link #result()},
 * {@link #error()}) throw an {@link AssertionError} describing the whole response when it is not there, so a
 * test fails with a useful message.
 */
public final class McpResponse {

    private final int status;

    private final HttpHeaders headers;

    private final String body;

    private final ObjectMapper mapper;

    private SseParser.Parsed sse; // parsed on first use

    McpResponse(int status, HttpHeaders headers, String body, ObjectMapper mapper) {
        this.status = status;
        this.headers = headers;
        this.body = body == null ? "" : body;
        this.mapper = mapper;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** Every response header. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The first value of a header (names are case-insensitive). */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The session id the server returned in {@code Mcp-Session-Id}, if any. */
    public Optional<String> sessionId() {
        return header(McpTestClient.SESSION_HEADER);
    }

    /** The media type of the body without parameters, lower case; empty when there is no Content-Type. */
    public String mediaType() {
        String contentType = header("Content-Type").orElse("");
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Whether the body is an SSE stream. */
    public boolean isSse() {
        return mediaType().equals("text/event-stream");
    }

    /** Whether the body is JSON. */
    public boolean isJson() {
        return mediaType().equals("application/json");
    }

    /** The raw body text (empty when there was none). */
    public String body() {
        return body;
    }

    /** The body as one JSON value; fails unless the response is {@code application/json}. */
    public JsonNode json() {
        if (!isJson()) {
            throw failure("expected an application/json body");
        }
        return readJson(body);
    }

    /** The events of an SSE body; fails unless the response is {@code text/event-stream}. */
    public List<SseEvent> events() {
        return parsedSse().events();
    }

    /** The comment lines of an SSE body (for example keep-alives). */
    public List<String> comments() {
        return parsedSse().comments();
    }

    /**
     * Every JSON-RPC message in the body, in order: the JSON value (each element of a batch array) for a JSON
     * body, the data of every event that has data for an SSE body, nothing for an empty body.
     */
    public List<JsonNode> messages() {
        if (isSse()) {
            List<JsonNode> messages = new ArrayList<>();
            for (SseEvent event : events()) {
                if (event.hasData()) {
                    messages.add(readJson(event.data()));
                }
            }
            return messages;
        }
        if (body.isBlank()) {
            return List.of();
        }
        JsonNode json = json();
        if (json.isArray()) {
            List<JsonNode> messages = new ArrayList<>();
            json.forEach(messages::add);
            return messages;
        }
        return List.of(json);
    }

    /** The JSON-RPC notifications in the body (messages with a method and no id). */
    public List<JsonNode> notifications() {
        return messages().stream().filter(m -> m.has("method") && !m.has("id")).toList();
    }

    /** Server-to-client JSON-RPC requests in the body (messages with a method and an id). */
    public List<JsonNode> requests() {
        return messages().stream().filter(m -> m.has("method") && m.has("id")).toList();
    }

    /** The JSON-RPC responses in the body (messages with {@code result} or {@code error}). */
    public List<JsonNode> responses() {
        return messages().stream().filter(m -> !m.has("method") && (m.has("result") || m.has("error"))).toList();
    }

    /** The one JSON-RPC response in the body; fails when there is not exactly one. */
    public JsonNode response() {
        List<JsonNode> responses = responses();
        if (responses.size() != 1) {
            throw failure("expected exactly one JSON-RPC response but found " + responses.size());
        }
        return responses.get(0);
    }

    /** The {@code result} of the one JSON-RPC response; fails when it is an error response. */
    public JsonNode result() {
        JsonNode response = response();
        if (!response.has("result")) {
            throw failure("expected a JSON-RPC result");
        }
        return response.get("result");
    }

    /** The {@code error} of the one JSON-RPC response; fails when it is a result. */
    public JsonNode error() {
        JsonNode response = response();
        if (!response.has("error")) {
            throw failure("expected a JSON-RPC error");
        }
        return response.get("error");
    }

    /** The {@code error.code} of the one JSON-RPC response. */
    public int errorCode() {
        return error().path("code").asInt();
    }

    /** The {@code error.message} of the one JSON-RPC response. */
    public String errorMessage() {
        return error().path("message").asString();
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + header("Content-Type").orElse("(no Content-Type)") + " "
                + (body.isEmpty() ? "(empty body)" : body);
    }

    private SseParser.Parsed parsedSse() {
        if (!isSse()) {
            throw failure("expected a text/event-stream body");
        }
        if (sse == null) {
            sse = SseParser.parse(body);
        }
        return sse;
    }

    private JsonNode readJson(String text) {
        try {
            return mapper.readTree(text);
        }
        catch (JacksonException ex) {
            throw failure("the body is not valid JSON: " + ex.getOriginalMessage());
        }
    }

    private AssertionError failure(String what) {
        return new AssertionError(what + "; got " + this);
    }
}
