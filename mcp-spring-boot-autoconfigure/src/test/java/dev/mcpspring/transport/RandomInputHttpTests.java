package dev.mcpspring.transport;

import java.io.InputStream;
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
import java.util.Random;
import java.util.regex.Pattern;

import dev.mcpspring.modern.ModernTestApplication;
import dev.mcpspring.modern.ModernTools;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpJsonMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, mostly malformed input of both eras on one endpoint: messages of every method with members of the wrong
 * JSON types, odd ids, batches, client responses and notifications nobody waits for, bodies that are not JSON,
 * headers that contradict the body, and GET and DELETE requests of real and unknown sessions with odd
 * {@code Last-Event-ID}s. Whatever arrives, the answer is an HTTP error or a JSON-RPC error the
 * client can read, never a server error (HTTP 5xx or JSON-RPC -32603) or a trace of the server's code, and the
 * server keeps serving. The seed
 * is fixed, so a failure names the request that reproduces it.
 */
@SpringBootTest(classes = { ModernTestApplication.class, ModernTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RandomInputHttpTests {

    private static final int REQUESTS = 600;

    private static final String[] METHODS = { "tools/call", "tools/list", "prompts/get", "prompts/list",
            "resources/read", "resources/list", "resources/templates/list", "completion/complete", "logging/setLevel",
            "ping", "resources/subscribe", "resources/unsubscribe", "tasks/get", "tasks/list", "tasks/cancel",
            "tasks/result", "server/discover", "initialize", "notifications/cancelled", "no/such/method", "" };

    /** The tools that answer without waiting for a client or a cancellation, and names no tool has. */
    private static final String[] TOOLS = { "echo", "routed", "ask_name", "typed_question", "logs", "unknown", "" };

    private static final String[] MEMBERS = { "name", "uri", "arguments", "level", "ref", "argument", "cursor",
            "taskId", "_meta", "requestState", "inputResponses", "capabilities", "clientInfo", "protocolVersion",
            "task", "ttl" };

    private static final Pattern SERVER_DETAIL = Pattern.compile(
            "Exception|\\tat |java\\.lang|tools\\.jackson|dev\\.mcpspring|org\\.springframework");

    private final ObjectMapper mapper = McpJsonMapper.create();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Random random = new Random(20261207);

    @LocalServerPort
    int port;

    @Test
    void noInputMakesAServerErrorOrShowsTheServersCodeAndTheServerKeepsServing() throws Exception {
        String session = initialize("2025-11-25");
        for (int i = 0; i < REQUESTS; i++) {
            double kind = random.nextDouble();
            if (kind < 0.4) {
                Map<String, Object> message = legacyMessage();
                send(post(random.nextDouble() < 0.05 ? List.of(message, message) : message, "2025-11-25", session,
                        Map.of()));
            }
            else if (kind < 0.75) {
                Map<String, Object> message = modernMessage();
                send(post(message, "2026-07-28", null, modernHeaders(message)));
            }
            else if (kind < 0.82) {
                session = getOrDelete(session);
            }
            else {
                send(post(rawBody(), random.nextBoolean() ? "2025-11-25" : "2026-07-28", session, Map.of()));
            }
        }

        String afterwards = initialize("2025-11-25");
        HttpResponse<String> legacy = send(post(call("echo", Map.of("text", "still here")), "2025-11-25", afterwards,
                Map.of()));
        assertThat(mapper.readTree(legacy.body()).at("/result/content/0/text").asString()).isEqualTo("still here");
        Map<String, Object> modern = withModernMeta(call("echo", Map.of("text", "and here")), false);
        HttpResponse<String> stateless = send(post(modern, "2026-07-28", null,
                Map.of("Mcp-Method", "tools/call", "Mcp-Name", "echo")));
        assertThat(mapper.readTree(stateless.body()).at("/result/content/0/text").asString()).isEqualTo("and here");
    }

    /**
     * A GET (a standalone stream, or the resumption of one) or a DELETE, of the session or of one that does not
     * exist; returns the session to go on with (a new one when this ended it).
     */
    private String getOrDelete(String session) throws Exception {
        boolean delete = random.nextDouble() < 0.2;
        String target = random.nextDouble() < 0.7 ? session : "no-such-session";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", pick(new String[] { "text/event-stream", "application/json" }))
            .header("MCP-Protocol-Version", pick(new String[] { "2025-11-25", "2026-07-28" }))
            .header("Mcp-Session-Id", target)
            .method(delete ? "DELETE" : "GET", HttpRequest.BodyPublishers.noBody());
        if (random.nextBoolean()) {
            request.header("Last-Event-ID", pick(new String[] { "x", "0", session + ":1", "-1:-1", "a".repeat(500),
                    "1:99999999999999999999" }));
        }
        HttpRequest built = request.build();
        String sent = built.method() + " " + built.headers().map();
        // an open stream answers with its headers and goes on: read the body only of an error
        HttpResponse<InputStream> response = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).as("status of %s", sent).isLessThan(500);
            if (response.statusCode() >= 400) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text).as("answer to %s", sent).doesNotContainPattern(SERVER_DETAIL);
                assertThat(mapper.readTree(text).path("error").path("code").isInt()).as("error of %s", sent).isTrue();
            }
        }
        return delete && target.equals(session) && response.statusCode() == 200 ? initialize("2025-11-25") : session;
    }

    private Map<String, Object> legacyMessage() {
        Map<String, Object> message = new LinkedHashMap<>();
        if (random.nextDouble() >= 0.05) {
            message.put("jsonrpc", "2.0");
        }
        double kind = random.nextDouble();
        if (kind < 0.15) { // a response to a request the server never sent
            message.put("id", randomId());
            message.put(random.nextBoolean() ? "result" : "error", randomValue(0));
            return message;
        }
        message.put("method", pick(METHODS));
        if (kind > 0.25) { // else a notification
            message.put("id", random.nextDouble() < 0.8 ? random.nextInt(1_000_000) : randomId());
        }
        message.put("params", random.nextDouble() < 0.05 ? randomValue(0) : randomParams());
        return message;
    }

    private Map<String, Object> modernMessage() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", random.nextDouble() < 0.9 ? random.nextInt(1_000_000) : randomId());
        String method = pick(METHODS);
        message.put("method", method.equals("subscriptions/listen") ? "tools/list" : method);
        message.put("params", randomParams());
        return withModernMeta(message, true);
    }

    /** The message with the per-request {@code _meta} of 2026-07-28, one member of it now and then made wrong. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> withModernMeta(Map<String, Object> message, boolean spoil) {
        Map<String, Object> params = (Map<String, Object>) message.get("params");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.put("io.modelcontextprotocol/clientCapabilities", Map.of());
        meta.put("io.modelcontextprotocol/clientInfo", Map.of("name", "random", "version", "1"));
        if (spoil && random.nextDouble() < 0.3) {
            meta.put(pick(new String[] { "io.modelcontextprotocol/protocolVersion",
                    "io.modelcontextprotocol/clientCapabilities", "io.modelcontextprotocol/clientInfo",
                    "io.modelcontextprotocol/logLevel", "progressToken", "traceparent" }), randomValue(0));
        }
        params.put("_meta", meta);
        return message;
    }

    /** The headers a 2026-07-28 client mirrors from the body, now and then missing or contradicting it. */
    @SuppressWarnings("unchecked")
    private Map<String, String> modernHeaders(Map<String, Object> message) {
        Map<String, String> headers = new LinkedHashMap<>();
        String method = String.valueOf(message.get("method"));
        headers.put("Mcp-Method", method.isEmpty() ? "none" : method); // an empty header value cannot be sent
        Object name = ((Map<String, Object>) message.get("params")).get("name");
        boolean sendable = name instanceof String text && !text.isEmpty() && text.length() < 100
                && text.chars().allMatch(c -> c > ' ' && c < 0x7f);
        headers.put("Mcp-Name", sendable ? (String) name : "x");
        if (random.nextDouble() < 0.3) {
            headers.put(pick(new String[] { "Mcp-Method", "Mcp-Name", "Mcp-Param-Region" }),
                    pick(new String[] { "tools/list", "echo", "=?base64?!!?=", "=?base64?ZWNobw==?=", "2026-07-28" }));
        }
        return headers;
    }

    private Map<String, Object> randomParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        if (random.nextDouble() < 0.6) {
            params.put("name", random.nextDouble() < 0.9 ? pick(TOOLS) : randomValue(0));
            Map<String, Object> arguments = new LinkedHashMap<>();
            for (String argument : new String[] { "text", "region", "priority", "query", "unexpected" }) {
                if (random.nextBoolean()) {
                    arguments.put(argument, random.nextBoolean() ? "value" : randomValue(0));
                }
            }
            params.put("arguments", random.nextDouble() < 0.9 ? arguments : randomValue(0));
            return params;
        }
        for (int i = random.nextInt(5); i > 0; i--) {
            params.put(pick(MEMBERS), randomValue(0));
        }
        return params;
    }

    private Object randomValue(int depth) {
        double kind = random.nextDouble();
        if (depth > 2 || kind < 0.55) {
            Object[] scalars = { null, true, false, 0, -1, 1.5, Long.MAX_VALUE, 1e308, "", "x", "é☃𝄞", "\u0000",
                    "a".repeat(3000), "2025-11-25", "../../etc/passwd", "file:///", "NaN", "{}" };
            return scalars[random.nextInt(scalars.length)];
        }
        if (kind < 0.8) {
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                list.add(randomValue(depth + 1));
            }
            return list;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            object.put(pick(MEMBERS), randomValue(depth + 1));
        }
        return object;
    }

    private Object randomId() {
        Object[] ids = { "a", 0, -5, 1.5, null, List.of(), Map.of(), true, "x".repeat(300) };
        return ids[random.nextInt(ids.length)];
    }

    private byte[] rawBody() {
        String[] bodies = { "", "{", "[]", "[1,2]", "null", "\"x\"", "{\"jsonrpc\":\"2.0\"}", "[".repeat(200),
                "{\"a\":".repeat(100) + "1" + "}".repeat(100), "{\"jsonrpc\":\"2.0\",\"id\":1e999,\"method\":\"ping\"}",
                "\uFEFF{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}" };
        if (random.nextDouble() < 0.15) {
            return new byte[] { '{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}' }; // an overlong encoding
        }
        return bodies[random.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tool);
        params.put("arguments", arguments);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", 1);
        message.put("method", "tools/call");
        message.put("params", params);
        return message;
    }

    private String initialize(String version) throws Exception {
        Map<String, Object> params = Map.of("protocolVersion", version, "capabilities", Map.of(), "clientInfo",
                Map.of("name", "random", "version", "1"));
        HttpResponse<String> response = send(post(Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params",
                params), version, null, Map.of()));
        String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        send(post(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"), version, session, Map.of()));
        return session;
    }

    /** A request and how a failure names it. */
    private record Sent(HttpRequest request, String description) {
    }

    private Sent post(Object message, String version, String session, Map<String, String> headers) {
        byte[] body = message instanceof byte[] bytes ? bytes : mapper.writeValueAsBytes(message);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", version)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        headers.forEach(request::header);
        HttpRequest built = request.build();
        String text = new String(body, StandardCharsets.UTF_8);
        return new Sent(built, (text.length() > 300 ? text.substring(0, 300) + "..." : text) + " " + built.headers().map());
    }

    /** Sends one request and checks what any answer must be. */
    private HttpResponse<String> send(Sent request) throws Exception {
        HttpResponse<String> response = http.send(request.request(), HttpResponse.BodyHandlers.ofString());
        String sent = request.description();
        assertThat(response.statusCode()).as("status of %s", sent).isLessThan(500);
        assertThat(response.body()).as("answer to %s", sent).doesNotContainPattern(SERVER_DETAIL)
            .as("internal error in the answer to %s", sent)
            .doesNotContain("\"code\":" + ErrorCodes.INTERNAL_ERROR);
        if (response.statusCode() >= 400 && !response.body().isEmpty()) {
            JsonNode error = mapper.readTree(response.body()).path("error");
            assertThat(error.path("code").isInt()).as("error code of the answer to %s", sent).isTrue();
            assertThat(error.path("message").asString("")).as("error message of the answer to %s", sent).isNotBlank();
        }
        return response;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
