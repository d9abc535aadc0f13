package dev.mcpspring.test.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.server.ParamHeaders;
import dev.mcpspring.test.McpNotification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stateless revision (2026-07-28): every request names the version, the client and its capabilities in its
 * {@code _meta} and mirrors its method, name and marked tool arguments in headers. A result that asks for input
 * ({@code input_required}) is answered as the test scripted and the request sent again with the answers, until it
 * completes.
 */
public final class ModernConnection implements Connection {

    // where the TypeScript SDK's client gives up by default (inputRequired.maxRounds): a tool asking more fails here
    private static final int MAX_ROUNDS = 10;

    /** The {@code _meta} member of the client's capabilities; one that a request's params carry already is kept. */
    static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

    private final ClientCore core;

    private final String version;

    private final Map<String, Map<String, List<String>>> paramHeaders = new ConcurrentHashMap<>();

    private final OpenStreams streams = new OpenStreams();

    /**
     * @param core    the client
     * @param version the version every request names
     */
    public ModernConnection(ClientCore core, String version) {
        this.core = core;
        this.version = version;
    }

    @Override
    public Outcome request(String method, ObjectNode params) {
        List<McpNotification> recorded = new CopyOnWriteArrayList<>();
        ObjectNode attempt = params.deepCopy();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long id = core.nextId();
            ObjectNode sent = withMeta(attempt, id);
            Outcome outcome = send(id, method, sent, recorded);
            JsonNode result = outcome.response() == null ? null : outcome.response().get("result");
            if (result == null || !"input_required".equals(result.path("resultType").asString(""))) {
                return outcome;
            }
            attempt = params.deepCopy();
            attempt.set("inputResponses", answers(result.path("inputRequests")));
            if (result.hasNonNull("requestState")) {
                attempt.set("requestState", result.get("requestState"));
            }
        }
        throw new IllegalStateException(method + " still asked for input after " + MAX_ROUNDS + " rounds");
    }

    /** The scripted results of the server's questions, by their keys. */
    private ObjectNode answers(JsonNode inputRequests) {
        ObjectNode responses = core.mapper().createObjectNode();
        for (Map.Entry<String, JsonNode> request : inputRequests.properties()) {
            responses.set(request.getKey(), core.answers()
                .answer(request.getValue().path("method").asString(), request.getValue().get("params")));
        }
        return responses;
    }

    private ObjectNode withMeta(ObjectNode params, long id) {
        ObjectNode sent = params.deepCopy();
        ObjectNode meta = sent.withObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", version);
        meta.set("io.modelcontextprotocol/clientInfo", core.mapper().valueToTree(ClientCore.CLIENT_INFO));
        if (!meta.has(CLIENT_CAPABILITIES)) {
            meta.set(CLIENT_CAPABILITIES, core.mapper().valueToTree(core.answers().capabilities()));
        }
        if (core.logLevel() != null) {
            meta.put("io.modelcontextprotocol/logLevel", core.logLevel());
        }
        if (!meta.has("progressToken")) {
            meta.put("progressToken", "progress-" + id);
        }
        return sent;
    }

    private Outcome send(long id, String method, ObjectNode params, List<McpNotification> recorded) {
        HttpExchange.Response http = post(id, method, params);
        ResponseReader reader = new ResponseReader(core, recorded, (requestId, request) -> {
            throw new IllegalStateException("the server sent a request ('" + request.path("method").asString()
                    + "') on a " + version + " response stream, which that revision forbids");
        });
        try {
            ResponseReader.Read read = reader.read(http, core.mapper().getNodeFactory().numberNode(id));
            return new Outcome(read.response(), http.status(), read.body(), List.copyOf(recorded));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(method + " to " + core.exchange() + " failed", ex);
        }
    }

    private HttpExchange.Response post(long id, String method, ObjectNode params) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json, text/event-stream");
        headers.put("Content-Type", "application/json");
        headers.put("MCP-Protocol-Version", version);
        headers.put("Mcp-Method", method);
        JsonNode name = "resources/read".equals(method) ? params.get("uri") : params.get("name");
        if (name != null && name.isString() && (method.equals("tools/call") || method.equals("prompts/get")
                || method.equals("resources/read"))) {
            headers.put("Mcp-Name", headerValue(name.asString()));
        }
        JsonNode taskId = params.get("taskId"); // the tasks extension routes tasks/get, update and cancel by task
        if (taskId != null && taskId.isString() && method.startsWith("tasks/")) {
            headers.put("Mcp-Name", headerValue(taskId.asString()));
        }
        if ("tools/call".equals(method) && name != null) {
            paramHeaders(name.asString()).forEach((header, path) -> {
                JsonNode value = params.get("arguments");
                for (String step : path) {
                    value = value == null ? null : value.get(step);
                }
                if (value != null && !value.isNull() && !value.isContainer()) {
                    headers.put("Mcp-Param-" + header, headerValue(value.isString() ? value.asString()
                            : value.toString()));
                }
            });
        }
        try {
            return core.exchange().send("POST", core.headers(headers),
                    core.bytes(core.request(id, method, params)), core.timeout());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("POST " + method + " to " + core.exchange() + " failed", ex);
        }
    }

    /** The {@code Mcp-Param-*} headers of a tool, from its input schema (listed once). */
    private Map<String, List<String>> paramHeaders(String tool) {
        if (paramHeaders.isEmpty()) {
            String cursor = null;
            do {
                ObjectNode params = core.mapper().createObjectNode();
                if (cursor != null) {
                    params.put("cursor", cursor);
                }
                long id = core.nextId();
                Outcome listed = send(id, "tools/list", withMeta(params, id), new ArrayList<>());
                JsonNode result = listed.response() == null ? null : listed.response().get("result");
                if (result == null) {
                    break;
                }
                for (JsonNode listedTool : result.path("tools")) {
                    paramHeaders.put(listedTool.path("name").asString(),
                            ParamHeaders.of(listedTool.get("inputSchema")));
                }
                cursor = result.hasNonNull("nextCursor") ? result.get("nextCursor").asString() : null;
            }
            while (cursor != null);
        }
        return paramHeaders.getOrDefault(tool, Map.of());
    }

    /** A header value as it is when it can be one, else in the Base64 form the revision defines. */
    private static String headerValue(String value) {
        boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                && value.equals(value.trim());
        return plain ? value
                : "=?base64?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    @Override
    public AutoCloseable listen() {
        ObjectNode params = core.mapper().createObjectNode();
        params.putObject("notifications")
            .put("toolsListChanged", true)
            .put("promptsListChanged", true)
            .put("resourcesListChanged", true);
        long id = core.nextId();
        HttpExchange.Response http = post(id, "subscriptions/listen", withMeta(params, id));
        if (http.status() != 200 || !http.isEventStream()) {
            throw new IllegalStateException("the server refused subscriptions/listen: HTTP " + http.status());
        }
        // the revision sends no requests on a subscription stream: nothing there needs an answer
        ResponseReader reader = new ResponseReader(core, new CopyOnWriteArrayList<>(), (requestId, request) -> { });
        return streams.add(reader.readInBackground(http));
    }

    @Override
    public String protocolVersion() {
        return version;
    }

    @Override
    public @Nullable String sessionId() {
        return null;
    }

    @Override
    public void close() {
        streams.closeAll();
        paramHeaders.clear();
    }

    /** Whether {@code version} is served by this kind of connection. */
    public static boolean serves(String version) {
        return ProtocolVersion.isModern(version);
    }
}
