package dev.mcpspring.testclient;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A request whose answer is read while it is still arriving: the messages the server sends on the request's
 * response (an SSE stream, or one JSON body) are taken one at a time, so a test can answer a server-to-client
 * request (sampling, elicitation, roots, ping) with {@link McpTestClient#respond} while the server still holds
 * the stream open waiting for that answer.
 * <p>
 * Starting one never blocks: the HTTP request is sent in the background, and the methods that take a message
 * wait for it with a time-out. Messages are taken in the order the server sent them; every one taken stays in
 * {@link #taken()}.
 *
 * <pre>{@code
 * OpenRequest call = client.startToolCall("summarise", Map.of("text", "..."));
 * JsonNode sampling = call.nextRequest("sampling/createMessage", WAIT);
 * client.respond(sampling.get("id"), Map.of("role", "assistant", "content", Map.of("type", "text", "text", "ok")));
 * JsonNode result = call.result(WAIT);
 * }</pre>
 */
public final class OpenRequest implements AutoCloseable {

    /** Reads refused (non-SSE) bodies off the HTTP client's threads. */
    private static final Executor BODY_READERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mcp-test-open-request");
        thread.setDaemon(true);
        return thread;
    });

    private final JsonNode id;

    private final CompletableFuture<SseSubscription> response;

    private final ObjectMapper mapper;

    private final Duration headerTimeout;

    private final List<JsonNode> taken = new CopyOnWriteArrayList<>();

    private Deque<JsonNode> jsonMessages; // the messages of a non-SSE body, guarded by this

    OpenRequest(JsonNode id, CompletableFuture<HttpResponse<InputStream>> http, ObjectMapper mapper,
            Duration headerTimeout) {
        this.id = id;
        this.response = http.thenApplyAsync(answer -> new SseSubscription(answer, mapper), BODY_READERS);
        this.mapper = mapper;
        this.headerTimeout = headerTimeout;
    }

    /** The JSON-RPC id of the request, as sent. */
    public JsonNode id() {
        return id;
    }

    /** The HTTP status, once the response headers arrived. */
    public int status() {
        return subscription().status();
    }

    /** Whether the server answered with an SSE stream (rather than one JSON body). */
    public boolean isSse() {
        return subscription().isSse();
    }

    /** The underlying response, once its headers arrived. */
    public SseSubscription subscription() {
        try {
            return response.get(headerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the response to request " + id, ex);
        }
        catch (TimeoutException ex) {
            throw new AssertionError("no response headers for request " + id + " within " + headerTimeout
                    + " (the server answers headers with its first message)");
        }
        catch (ExecutionException ex) {
            throw new AssertionError("request " + id + " failed: " + ex.getCause(), ex.getCause());
        }
    }

    /** The next message from the server; fails when none arrives within {@code timeout}. */
    public JsonNode nextMessage(Duration timeout) {
        return pollMessage(timeout).orElseThrow(() -> new AssertionError("no message on the response to request "
                + id + " within " + timeout + "; taken so far: " + taken));
    }

    /**
     * The next message from the server, or empty when none arrives within {@code timeout} (or the response
     * ended without more).
     */
    public Optional<JsonNode> pollMessage(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SseSubscription stream = subscription();
        Optional<JsonNode> message;
        if (stream.isSse()) {
            message = Optional.empty();
            while (message.isEmpty()) {
                long left = deadline - System.nanoTime();
                Optional<SseEvent> event = stream.pollEvent(Duration.ofNanos(Math.max(0, left)));
                if (event.isEmpty()) {
                    break;
                }
                if (event.get().hasData()) {
                    message = Optional.of(mapper.readTree(event.get().data()));
                }
            }
        }
        else {
            message = Optional.ofNullable(jsonMessages(stream).pollFirst());
        }
        message.ifPresent(taken::add);
        return message;
    }

    /**
     * The next message, which must be a server-to-client request of {@code method}; fails on anything else.
     *
     * @return the whole request, with its {@code id} to answer
     */
    public JsonNode nextRequest(String method, Duration timeout) {
        JsonNode message = nextMessage(timeout);
        if (!message.has("id") || !method.equals(message.path("method").asString(null))) {
            throw new AssertionError("expected a " + method + " request on the response to request " + id
                    + " but got " + message);
        }
        return message;
    }

    /** The next message, which must be a notification of {@code method}; fails on anything else. */
    public JsonNode nextNotification(String method, Duration timeout) {
        JsonNode message = nextMessage(timeout);
        if (message.has("id") || !method.equals(message.path("method").asString(null))) {
            throw new AssertionError("expected a " + method + " notification on the response to request " + id
                    + " but got " + message);
        }
        return message;
    }

    /**
     * Takes messages until the JSON-RPC response to this request and returns it; the messages before it stay
     * in {@link #taken()}. Fails when it does not arrive within {@code timeout}.
     */
    public JsonNode response(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode message = nextMessage(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (!message.has("method") && sameId(id, message.get("id"))) {
                return message;
            }
        }
    }

    /** The {@code result} of the response to this request; fails when it is an error. */
    public JsonNode result(Duration timeout) {
        JsonNode answer = response(timeout);
        if (!answer.has("result")) {
            throw new AssertionError("expected a result for request " + id + " but got " + answer);
        }
        return answer.get("result");
    }

    /** The {@code error} of the response to this request; fails when it is a result. */
    public JsonNode error(Duration timeout) {
        JsonNode answer = response(timeout);
        if (!answer.has("error")) {
            throw new AssertionError("expected an error for request " + id + " but got " + answer);
        }
        return answer.get("error");
    }

    /** Waits until the server ended the HTTP response; {@code false} when it is still open after {@code timeout}. */
    public boolean awaitEnd(Duration timeout) {
        return subscription().awaitClosed(timeout);
    }

    /** Every message taken so far, in order. */
    public List<JsonNode> taken() {
        return List.copyOf(taken);
    }

    /** Every message the server sent so far, taken or not, in order. */
    public List<JsonNode> received() {
        SseSubscription stream = subscription();
        if (!stream.isSse()) {
            return readJsonBody(stream.body());
        }
        List<JsonNode> messages = new ArrayList<>();
        stream.events().stream().filter(SseEvent::hasData).forEach(event -> messages.add(mapper.readTree(event.data())));
        return messages;
    }

    /** Stops reading and releases the connection (the server sees the client go away). */
    @Override
    public void close() {
        response.thenAccept(SseSubscription::close);
    }

    /** Whether two JSON-RPC ids are the same: equal strings, or equal integers however they were parsed. */
    static boolean sameId(JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return false;
        }
        if (expected.isIntegralNumber() && actual.isIntegralNumber()) {
            return expected.bigIntegerValue().equals(actual.bigIntegerValue());
        }
        return expected.equals(actual);
    }

    private synchronized Deque<JsonNode> jsonMessages(SseSubscription stream) {
        if (jsonMessages == null) {
            jsonMessages = new ArrayDeque<>(readJsonBody(stream.body()));
        }
        return jsonMessages;
    }

    private List<JsonNode> readJsonBody(String body) {
        if (body.isBlank()) {
            return List.of();
        }
        JsonNode json = mapper.readTree(body);
        List<JsonNode> messages = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(messages::add);
        }
        else {
            messages.add(json);
        }
        return messages;
    }

    @Override
    public String toString() {
        return "OpenRequest[id=" + id + ", taken=" + taken + "]";
    }
}
