package dev.mcpspring.testclient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small MCP client for tests, speaking Streamable HTTP over real HTTP with {@link HttpClient}.
 * <p>
 * It sends what a well-behaved client sends by default (POST with {@code Content-Type: application/json} and
 * {@code Accept: application/json, text/event-stream}; after {@code initialize}, the {@code Mcp-Session-Id} and
 * {@code MCP-Protocol-Version} headers it learned), and lets a test change any of it per request with
 * {@link Exchange}: add, replace or drop headers, send raw bodies, use any HTTP method. Responses come back
 * as {@link McpResponse} (JSON or parsed SSE); a GET stream comes back as an {@link SseSubscription} that is
 * read in the background. A request the server answers with server-to-client requests first (sampling,
 * elicitation, roots) is {@linkplain #start started} instead: its {@link OpenRequest} yields the messages one by
 * one while the test answers them with {@link #respond}.
 * <p>
 * A client holds one session at a time; use {@link #newClient()} for another session against the same server.
 * Instances are thread-safe for sending; the session state is only updated by {@link #initialize}.
 *
 * <pre>{@code
 * McpTestClient client = McpTestClient.create(port);
 * client.connect("2025-06-18");
 * McpResponse response = client.callTool("echo", Map.of("text", "hi"));
 * assertThat(response.result().path("content").get(0).path("text").asString()).isEqualTo("hi");
 * }</pre>
 */
public final class McpTestClient {

    /** The session header ({@code MCP-Session-Id} in 2025-11-25; header names are case-insensitive). */
    public static final String SESSION_HEADER = "Mcp-Session-Id";

    /** The protocol version header sent after {@code initialize}. */
    public static final String VERSION_HEADER = "MCP-Protocol-Version";

    /** The Accept header a conforming client sends on POST. */
    public static final String ACCEPT_JSON_AND_SSE = "application/json, text/event-stream";

    /** The protocol version {@link #initialize()} asks for. */
    public static final String DEFAULT_PROTOCOL_VERSION = "2025-11-25";

    private static final HttpClient SHARED_HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final URI endpoint;

    private final HttpClient http;

    private final ObjectMapper mapper;

    private final Duration requestTimeout;

    private final Map<String, String> clientInfo;

    private final Map<String, List<String>> defaultHeaders;

    private final AtomicLong ids = new AtomicLong();

    private volatile String sessionId;

    private volatile String protocolVersion;

    private McpTestClient(Builder builder) {
        this.endpoint = builder.endpoint;
        this.http = builder.http;
        this.mapper = builder.mapper;
        this.requestTimeout = builder.requestTimeout;
        this.clientInfo = Map.copyOf(builder.clientInfo);
        this.defaultHeaders = copy(builder.headers);
        this.ids.set(builder.firstId - 1);
    }

    /** A client for the endpoint {@code http://localhost:<port>/mcp}. */
    public static McpTestClient create(int port) {
        return create(URI.create("http://localhost:" + port + "/mcp"));
    }

    /** A client for an endpoint URI, with default settings. */
    public static McpTestClient create(URI endpoint) {
        return builder(endpoint).build();
    }

    /** A builder for a client of an endpoint URI. */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    /** A new client with this client's settings and no session. */
    public McpTestClient newClient() {
        Builder builder = new Builder(endpoint).httpClient(http).mapper(mapper).requestTimeout(requestTimeout)
            .clientInfo(clientInfo.get("name"), clientInfo.get("version"));
        defaultHeaders.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return builder.build();
    }

    // ---------------------------------------------------------------- state

    /** The endpoint URI. */
    public URI endpoint() {
        return endpoint;
    }

    /** The mapper used to build and read JSON. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The current session id, or {@code null}. */
    public String sessionId() {
        return sessionId;
    }

    /** Sets the session id sent from now on ({@code null} to send none), for example an unknown one. */
    public McpTestClient sessionId(String sessionId) {
        this.sessionId = sessionId;
        return this;
    }

    /** The negotiated protocol version sent in {@code MCP-Protocol-Version}, or {@code null}. */
    public String protocolVersion() {
        return protocolVersion;
    }

    /** Sets the protocol version header sent from now on ({@code null} to send none). */
    public McpTestClient protocolVersion(String protocolVersion) {
        this.protocolVersion = protocolVersion;
        return this;
    }

    /** Forgets the session id and protocol version. */
    public McpTestClient resetSession() {
        this.sessionId = null;
        this.protocolVersion = null;
        return this;
    }

    /** A fresh request id (1, 2, 3, ...). */
    public long nextId() {
        return ids.incrementAndGet();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Sends {@code initialize} for {@link #DEFAULT_PROTOCOL_VERSION} with no client capabilities. */
    public McpResponse initialize() {
        return initialize(DEFAULT_PROTOCOL_VERSION);
    }

    /** Sends {@code initialize} for {@code version} with no client capabilities. */
    public McpResponse initialize(String version) {
        return initialize(version, Map.of());
    }

    /**
     * Sends {@code initialize}; on success remembers the session id from the response header and the
     * negotiated protocol version from the result, which later requests then carry.
     *
     * @param version      the protocol version to ask for
     * @param capabilities the client capabilities (anything that serialises to a JSON object)
     */
    public McpResponse initialize(String version, Object capabilities) {
        ObjectNode params = mapper.createObjectNode();
        params.put("protocolVersion", version);
        params.set("capabilities", mapper.valueToTree(capabilities));
        params.set("clientInfo", mapper.valueToTree(clientInfo));
        McpResponse response = post(message(nextId(), "initialize", params)).withoutHeader(SESSION_HEADER)
            .withoutHeader(VERSION_HEADER)
            .send();
        if (response.status() == 200 && response.responses().size() == 1 && response.response().has("result")) {
            this.sessionId = response.sessionId().orElse(null);
            this.protocolVersion = response.result().path("protocolVersion").asString(null);
        }
        return response;
    }

    /**
     * Initializes and sends {@code notifications/initialized}, failing unless the server answers both as a
     * conforming server does (a result, then 202).
     *
     * @return the response to {@code initialize}
     */
    public McpResponse connect(String version) {
        return connect(version, Map.of());
    }

    /**
     * {@link #connect(String)} declaring client capabilities, for example
     * {@code Map.of("sampling", Map.of(), "roots", Map.of("listChanged", true))}.
     */
    public McpResponse connect(String version, Object capabilities) {
        McpResponse initialize = initialize(version, capabilities);
        initialize.result();
        McpResponse initialized = notify("notifications/initialized", null);
        if (initialized.status() != 202) {
            throw new AssertionError("notifications/initialized was not accepted with 202: " + initialized);
        }
        return initialize;
    }

    /** {@link #connect(String)} with {@link #DEFAULT_PROTOCOL_VERSION}. */
    public McpResponse connect() {
        return connect(DEFAULT_PROTOCOL_VERSION);
    }

    // ---------------------------------------------------------------- messages

    /** Sends a request with a fresh numeric id and no params. */
    public McpResponse request(String method) {
        return request(method, null);
    }

    /** Sends a request with a fresh numeric id. */
    public McpResponse request(String method, Object params) {
        return request(nextId(), method, params);
    }

    /** Sends a request with the given id (any value that serialises to JSON; a {@link JsonNode} as is). */
    public McpResponse request(Object id, String method, Object params) {
        return post(message(id, method, params)).send();
    }

    /** Sends a request with a fresh id without waiting for the answer. */
    public CompletableFuture<McpResponse> requestAsync(String method, Object params) {
        return post(message(nextId(), method, params)).sendAsync();
    }

    /** Sends a notification. */
    public McpResponse notify(String method, Object params) {
        return post(notification(method, params)).send();
    }

    /** Sends {@code ping}. */
    public McpResponse ping() {
        return request("ping");
    }

    /** Sends {@code tools/list}, with a cursor unless it is {@code null}. */
    public McpResponse listTools(String cursor) {
        ObjectNode params = mapper.createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return request("tools/list", params);
    }

    /** Sends {@code tools/call}. */
    public McpResponse callTool(String name, Object arguments) {
        return request("tools/call", callToolParams(name, arguments, null));
    }

    /** Sends {@code tools/call} with {@code _meta.progressToken}. */
    public McpResponse callTool(String name, Object arguments, Object progressToken) {
        return request("tools/call", callToolParams(name, arguments, progressToken));
    }

    /** The params of {@code tools/call}. */
    public ObjectNode callToolParams(String name, Object arguments, Object progressToken) {
        ObjectNode params = mapper.createObjectNode();
        params.put("name", name);
        if (arguments != null) {
            params.set("arguments", mapper.valueToTree(arguments));
        }
        if (progressToken != null) {
            params.putObject("_meta").set("progressToken", mapper.valueToTree(progressToken));
        }
        return params;
    }

    /**
     * Sends a request with a fresh numeric id and returns at once; its answer is read message by message as the
     * server sends it, so the test can answer what the server asks meanwhile.
     */
    public OpenRequest start(String method, Object params) {
        return start(nextId(), method, params);
    }

    /** {@link #start(String, Object)} with the given id. */
    public OpenRequest start(Object id, String method, Object params) {
        ObjectNode message = message(id, method, params);
        return post(message).start(message.get("id"));
    }

    /** Starts {@code tools/call} (see {@link #start(String, Object)}). */
    public OpenRequest startToolCall(String name, Object arguments) {
        return start("tools/call", callToolParams(name, arguments, null));
    }

    /** Starts {@code tools/call} with {@code _meta.progressToken} (see {@link #start(String, Object)}). */
    public OpenRequest startToolCall(String name, Object arguments, Object progressToken) {
        return start("tools/call", callToolParams(name, arguments, progressToken));
    }

    /** Answers a server-to-client request with a result (anything that serialises to a JSON object). */
    public McpResponse respond(JsonNode requestId, Object result) {
        ObjectNode response = mapper.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", requestId);
        response.set("result", result instanceof JsonNode node ? node : mapper.valueToTree(result));
        return post(response).send();
    }

    /** Answers a server-to-client request with a JSON-RPC error. */
    public McpResponse respondError(JsonNode requestId, int code, String message) {
        ObjectNode response = mapper.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", requestId);
        response.putObject("error").put("code", code).put("message", message);
        return post(response).send();
    }

    /** Sends {@code notifications/cancelled} for a request this client sent. */
    public McpResponse cancel(JsonNode requestId, String reason) {
        ObjectNode params = mapper.createObjectNode();
        params.set("requestId", requestId);
        if (reason != null) {
            params.put("reason", reason);
        }
        return notify("notifications/cancelled", params);
    }

    /** Opens the session's standalone SSE stream (GET). */
    public SseSubscription openStream() {
        return get().openStream();
    }

    /** Ends the session with DELETE. */
    public McpResponse deleteSession() {
        return exchange("DELETE").send();
    }

    // ---------------------------------------------------------------- building blocks

    /** A JSON-RPC request object ({@code id} {@code null} gives {@code "id": null}); {@code params} is left out when {@code null}. */
    public ObjectNode message(Object id, String method, Object params) {
        ObjectNode message = notification(method, params);
        message.set("id", id == null ? NullNode.getInstance() : id instanceof JsonNode node ? node : mapper.valueToTree(id));
        return message;
    }

    /** A JSON-RPC notification object; {@code params} is left out when {@code null}. */
    public ObjectNode notification(String method, Object params) {
        ObjectNode message = mapper.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        if (params != null) {
            message.set("params", params instanceof JsonNode node ? node : mapper.valueToTree(params));
        }
        return message;
    }

    /** A POST of a JSON value (a message, or an array for a batch), with the default headers. */
    public Exchange post(JsonNode body) {
        return post(mapper.writeValueAsString(body));
    }

    /** A POST of a raw body, with the default headers. */
    public Exchange post(String rawBody) {
        return exchange("POST").body(rawBody);
    }

    /** A GET with the default headers ({@code Accept: text/event-stream}). */
    public Exchange get() {
        return exchange("GET");
    }

    /** A request of any HTTP method with the default headers for it. */
    public Exchange exchange(String method) {
        return new Exchange(method);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        return copy;
    }

    /**
     * One HTTP request under construction. Starts with the client's default headers for its method; every
     * header can be replaced, added to or removed.
     */
    public final class Exchange {

        private final String method;

        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        private HttpRequest.BodyPublisher body;

        private Duration timeout = requestTimeout;

        private Exchange(String method) {
            this.method = method;
            if (method.equals("POST")) {
                header("Content-Type", "application/json");
                header("Accept", ACCEPT_JSON_AND_SSE);
            }
            else if (method.equals("GET")) {
                header("Accept", "text/event-stream");
            }
            if (sessionId != null) {
                header(SESSION_HEADER, sessionId);
            }
            if (protocolVersion != null) {
                header(VERSION_HEADER, protocolVersion);
            }
            defaultHeaders.forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        }

        /** Sets a header, replacing any value it had. */
        public Exchange header(String name, String value) {
            List<String> values = new ArrayList<>();
            values.add(Objects.requireNonNull(value));
            headers.put(name, values);
            return this;
        }

        /** Adds one more line of a header, keeping the ones it has. */
        public Exchange addHeader(String name, String value) {
            headers.computeIfAbsent(name, key -> new ArrayList<>()).add(Objects.requireNonNull(value));
            return this;
        }

        /** Sends no such header. */
        public Exchange withoutHeader(String name) {
            headers.remove(name);
            return this;
        }

        /** The raw body ({@code null} for none). */
        public Exchange body(String body) {
            this.body = body == null ? null : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
            return this;
        }

        /** The raw body as bytes, for bodies that are not valid UTF-8. */
        public Exchange body(byte[] body) {
            this.body = HttpRequest.BodyPublishers.ofByteArray(body);
            return this;
        }

        /**
         * The raw body sent with chunked transfer coding, without {@code Content-Length} (so the server cannot
         * know its size in advance).
         */
        public Exchange chunkedBody(String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            this.body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
            return this;
        }

        /** How long to wait for the complete response. */
        public Exchange timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Sends the request and reads the complete response. */
        public McpResponse send() {
            CompletableFuture<McpResponse> future = sendAsync();
            try {
                return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + method + " " + endpoint, ex);
            }
            catch (TimeoutException ex) {
                future.cancel(true);
                throw new AssertionError("no complete response to " + method + " " + endpoint + " within "
                        + timeout);
            }
            catch (ExecutionException ex) {
                throw new UncheckedIOException(new IOException(method + " " + endpoint + " failed", ex.getCause()));
            }
        }

        /** Sends the request; the future completes with the complete response. */
        public CompletableFuture<McpResponse> sendAsync() {
            HttpRequest request = build().timeout(timeout).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new McpResponse(response.statusCode(), response.headers(), response.body(),
                        mapper));
        }

        /**
         * Sends the request and returns as soon as the response headers arrive, reading the body as SSE in the
         * background (or completely, when the server did not open a stream).
         */
        public SseSubscription openStream() {
            CompletableFuture<HttpResponse<InputStream>> future = http.sendAsync(build().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try {
                return new SseSubscription(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS), mapper);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while opening " + endpoint, ex);
            }
            catch (TimeoutException ex) {
                future.cancel(true);
                throw new AssertionError("no response headers for " + method + " " + endpoint + " within "
                        + timeout);
            }
            catch (ExecutionException ex) {
                throw new UncheckedIOException(new IOException(method + " " + endpoint + " failed", ex.getCause()));
            }
        }

        /**
         * Sends the request and returns at once, for a request whose answer is read while it arrives
         * ({@link OpenRequest}); the time-out of this exchange bounds the wait for the response headers.
         *
         * @param requestId the JSON-RPC id of the request in the body
         */
        public OpenRequest start(JsonNode requestId) {
            return new OpenRequest(requestId,
                    http.sendAsync(build().build(), HttpResponse.BodyHandlers.ofInputStream()), mapper, timeout);
        }

        private HttpRequest.Builder build() {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : body;
            HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).method(method, publisher);
            headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
            return builder;
        }
    }

    /** Settings of a {@link McpTestClient}. */
    public static final class Builder {

        private final URI endpoint;

        private HttpClient http = SHARED_HTTP;

        private ObjectMapper mapper = JsonMapper.builder().build();

        private Duration requestTimeout = Duration.ofSeconds(10);

        private final Map<String, String> clientInfo = new LinkedHashMap<>();

        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        private long firstId = 1;

        private Builder(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint);
            clientInfo("mcp-test-client", "1.0.0");
        }

        /** The HTTP client to use; by default one shared HTTP/1.1 client. */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http);
            return this;
        }

        /** The mapper used to build and read JSON. */
        public Builder mapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper);
            return this;
        }

        /** How long a request may take before the test fails (default 10 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        /** The {@code clientInfo} sent in {@code initialize}. */
        public Builder clientInfo(String name, String version) {
            clientInfo.put("name", name);
            clientInfo.put("version", version);
            return this;
        }

        /** A header sent on every request (for example {@code Origin} or {@code Authorization}). */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            return this;
        }

        /** The id of the client's first request (1 by default); later ones count up from it. */
        public Builder firstRequestId(long firstId) {
            this.firstId = firstId;
            return this;
        }

        public McpTestClient build() {
            return new McpTestClient(this);
        }
    }
}
