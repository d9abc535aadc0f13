package dev.mcpspring.test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.protocol.Role;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.test.internal.ClientCore;
import dev.mcpspring.test.internal.Connection;
import dev.mcpspring.test.internal.HttpExchange;
import dev.mcpspring.test.internal.LegacyConnection;
import dev.mcpspring.test.internal.ModernConnection;
import dev.mcpspring.test.internal.NetworkExchange;
import dev.mcpspring.test.internal.TaskCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP client for testing a server's tools, resources and prompts: in a {@code @SpringBootTest} with
 * {@link AutoConfigureMcpTestClient} it is a bean that reaches the application in-process (no port, the MockMvc
 * way) or over HTTP when the test starts a server on a port.
 * <p>
 * It speaks either protocol era: the 2025 revisions, with a session started by the first request, or 2026-07-28,
 * stateless ({@link #protocolVersion(String)}). The test scripts what the client answers when a tool asks
 * ({@link #onSampling}, {@link #onElicitation}, {@link #roots}); the client declares the matching capabilities and,
 * in 2026-07-28, answers multi round-trip requests itself. Every request asks for progress; the progress and log
 * notifications of a request are in its {@link McpResult}, and every notification received (list changes too, once
 * {@link #listen()} opened the stream for them) in {@link #notifications()}.
 * <p>
 * Settings and scripted answers hold until {@link #reset()}, which the test kit calls after each test method.
 */
public final class McpTestClient implements AutoCloseable {

    /** The protocol version a new client speaks: the latest revision with sessions. */
    public static final String DEFAULT_PROTOCOL_VERSION = ProtocolVersion.V2025_11_25;

    private final ClientCore core;

    private final String defaultVersion;

    private String version;

    private @Nullable Connection connection;

    McpTestClient(HttpExchange exchange, JsonMapper mapper, String protocolVersion) {
        this.core = new ClientCore(exchange, mapper);
        this.defaultVersion = protocolVersion;
        this.version = protocolVersion;
    }

    /** A client of the MCP endpoint at {@code endpoint}, e.g. {@code http://localhost:8080/mcp}, of any server. */
    public static McpTestClient forEndpoint(URI endpoint) {
        return new McpTestClient(new NetworkExchange(endpoint), McpJsonMapper.create(), DEFAULT_PROTOCOL_VERSION);
    }

    /** A client that sends its requests through {@code exchange}. */
    static McpTestClient of(HttpExchange exchange, String protocolVersion) {
        return new McpTestClient(exchange, McpJsonMapper.create(), protocolVersion);
    }

    // ------------------------------------------------------------------ settings

    /**
     * Speaks {@code version} from now on: a 2025 revision (a session, started by the next request) or
     * {@value ProtocolVersion#V2026_07_28} (stateless). A session already started ends.
     */
    public synchronized McpTestClient protocolVersion(String version) {
        if (!ProtocolVersion.isSupported(version)) {
            throw new IllegalArgumentException("'" + version + "' is not a protocol version the test client speaks; "
                    + "one of " + ProtocolVersion.SUPPORTED);
        }
        if (!version.equals(this.version)) {
            endConnection();
            this.version = version;
        }
        return this;
    }

    /** The protocol version in use: the one negotiated when a session has started, else the one asked for. */
    public synchronized String protocolVersion() {
        return connection != null ? connection.protocolVersion() : version;
    }

    /** Sends this header with every request from now on, e.g. {@code Authorization}; {@code null} removes it. */
    public McpTestClient header(String name, @Nullable String value) {
        core.header(name, value);
        return this;
    }

    /** How long a request may take before the test fails (30 seconds unless set). */
    public McpTestClient timeout(Duration timeout) {
        core.timeout(timeout);
        return this;
    }

    /**
     * Answers the server's sampling requests ({@code sampling/createMessage}) with {@code answer}, and declares the
     * {@code sampling} capability. In the 2025 revisions, call it before the session starts (or after
     * {@link #reset()}): the capabilities are declared once, by {@code initialize}.
     */
    public McpTestClient onSampling(Function<SamplingRequest, SamplingResult> answer) {
        core.answers().sampling(answer);
        return capabilitiesChanged();
    }

    /** Answers every sampling request with this text, as the model would. */
    public McpTestClient onSampling(String text) {
        return onSampling(request -> new SamplingResult(Role.ASSISTANT, List.of(Content.text(text)), "test-model",
                "endTurn", null));
    }

    /**
     * Answers the server's elicitation requests with {@code answer}, and declares the {@code elicitation}
     * capability (form and URL mode).
     */
    public McpTestClient onElicitation(Function<ElicitationRequest, ElicitationResult> answer) {
        core.answers().elicitation(answer);
        return capabilitiesChanged();
    }

    /** Answers {@code roots/list} with these roots, and declares the {@code roots} capability. */
    public McpTestClient roots(Root... roots) {
        core.answers().roots(List.of(roots));
        return capabilitiesChanged();
    }

    /**
     * Declares exactly these client capabilities, instead of those that follow from the scripted answers (to test
     * how a tool behaves with a client that supports less, or more).
     */
    public McpTestClient clientCapabilities(Map<String, Object> capabilities) {
        core.answers().capabilities(capabilities);
        return capabilitiesChanged();
    }

    /**
     * Declares one more client capability, or another value for one, on top of those that follow from the scripted
     * answers (or were set with {@link #clientCapabilities(Map)}): for example the tasks extension of 2026-07-28,
     * {@code clientCapability("extensions", Map.of("io.modelcontextprotocol/tasks", Map.of()))}, or the
     * {@code tasks} capability of a 2025-11-25 client.
     */
    public McpTestClient clientCapability(String name, Object value) {
        core.answers().capability(name, value);
        return capabilitiesChanged();
    }

    /** Asks the server for log messages of this level and above ({@code logging/setLevel}, or per request). */
    public McpTestClient logLevel(@Nullable LoggingLevel level) {
        core.logLevel(level == null ? null : level.wireName());
        return capabilitiesChanged();
    }

    /** A session started with other capabilities ends; the next request starts one that declares these. */
    private synchronized McpTestClient capabilitiesChanged() {
        if (connection instanceof LegacyConnection && connection.sessionId() != null) {
            endConnection();
        }
        return this;
    }

    // ------------------------------------------------------------------ requests

    /** Calls a tool without arguments. */
    public McpResult callTool(String name) {
        return callTool(name, Map.of());
    }

    /** Calls a tool with these arguments (anything that serialises to a JSON object). */
    public McpResult callTool(String name, Map<String, ?> arguments) {
        ObjectNode params = core.mapper().createObjectNode().put("name", name);
        params.set("arguments", core.mapper().valueToTree(arguments));
        return new McpResult("tools/call", connection().request("tools/call", params), core.mapper(),
                () -> outputSchemaOf(name));
    }

    /**
     * Calls a tool as a task and waits until the task ends, as a client that handles tasks does, answering the
     * tool's questions as scripted: in a 2025 session the call asks for a task and {@code tasks/result} waits for
     * the result; in 2026-07-28 the requests declare the tasks extension, and {@code tasks/get} is polled and its
     * questions answered with {@code tasks/update}. The result is what the call would have answered: the tool's
     * result, or the JSON-RPC error of a failed task. A tool that does not run as a task answers the call itself.
     * The task's progress is its status while it runs, not in the result.
     */
    public McpResult callToolAsTask(String name, Map<String, ?> arguments) {
        ObjectNode json = core.mapper().valueToTree(arguments);
        Connection connection = connection();
        // a 2025 client asks for a task only where tools/list allows one, as the utility says
        JsonNode listed = connection instanceof LegacyConnection ? listed(name) : null;
        if (listed != null && "forbidden".equals(listed.path("execution").path("taskSupport").asString("forbidden"))) {
            return callTool(name, arguments);
        }
        return new McpResult("tools/call", new TaskCall(core, connection).call(name, json), core.mapper(),
                () -> outputSchemaOf(name));
    }

    /** Lists the tools ({@code tools/list}, first page). */
    public McpResult listTools() {
        return request("tools/list", Map.of());
    }

    /** Reads a resource. */
    public McpResult readResource(String uri) {
        return request("resources/read", Map.of("uri", uri));
    }

    /** Lists the resources ({@code resources/list}, first page). */
    public McpResult listResources() {
        return request("resources/list", Map.of());
    }

    /** Lists the resource templates ({@code resources/templates/list}, first page). */
    public McpResult listResourceTemplates() {
        return request("resources/templates/list", Map.of());
    }

    /**
     * Asks for completions of a prompt's argument ({@code completion/complete}) as typed so far.
     *
     * @param context the values of the prompt's other arguments, which a completion may take into account
     */
    public McpResult completePromptArgument(String prompt, String argument, String value,
            Map<String, String> context) {
        return complete(Map.of("type", "ref/prompt", "name", prompt), argument, value, context);
    }

    /**
     * Asks for completions of a variable of a resource template ({@code completion/complete}) as typed so far.
     *
     * @param context the values of the template's other variables
     */
    public McpResult completeResourceArgument(String uriTemplate, String variable, String value,
            Map<String, String> context) {
        return complete(Map.of("type", "ref/resource", "uri", uriTemplate), variable, value, context);
    }

    private McpResult complete(Map<String, String> ref, String argument, String value, Map<String, String> context) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ref", ref);
        params.put("argument", Map.of("name", argument, "value", value));
        if (!context.isEmpty()) {
            params.put("context", Map.of("arguments", context));
        }
        return request("completion/complete", params);
    }

    /** Gets a prompt with these arguments. */
    public McpResult getPrompt(String name, Map<String, String> arguments) {
        return request("prompts/get", Map.of("name", name, "arguments", arguments));
    }

    /** Lists the prompts ({@code prompts/list}, first page). */
    public McpResult listPrompts() {
        return request("prompts/list", Map.of());
    }

    /** Sends {@code ping}. */
    public McpResult ping() {
        return request("ping", Map.of());
    }

    /** Sends any request with these params (anything that serialises to a JSON object). */
    public McpResult request(String method, Map<String, ?> params) {
        ObjectNode tree = core.mapper().valueToTree(params);
        return new McpResult(method, connection().request(method, tree), core.mapper(), () -> null);
    }

    private @Nullable JsonNode outputSchemaOf(String tool) {
        JsonNode listed = listed(tool);
        return listed == null ? null : listed.get("outputSchema");
    }

    /** The tool as {@code tools/list} describes it, or {@code null}. */
    private @Nullable JsonNode listed(String tool) {
        String cursor = null;
        do {
            McpResult page = cursor == null ? listTools() : request("tools/list", Map.of("cursor", cursor));
            JsonNode result = page.result();
            if (result == null) {
                return null;
            }
            for (JsonNode listed : result.path("tools")) {
                if (tool.equals(listed.path("name").asString())) {
                    return listed;
                }
            }
            cursor = result.hasNonNull("nextCursor") ? result.get("nextCursor").asString() : null;
        }
        while (cursor != null);
        return null;
    }

    // ------------------------------------------------------------------ notifications

    /**
     * Opens the stream on which the server announces changes (the session's GET stream in the 2025 revisions,
     * {@code subscriptions/listen} in 2026-07-28); what arrives there is recorded in {@link #notifications()} until
     * the returned handle or the client is closed.
     */
    public AutoCloseable listen() {
        return connection().listen();
    }

    /** Every notification received so far, from every request and the {@link #listen()} stream, in order. */
    public List<McpNotification> notifications() {
        return core.notifications();
    }

    /**
     * Waits (up to the request time-out) for a notification of this method, received before or after the call.
     *
     * @throws AssertionError when none came in time
     */
    public McpNotification awaitNotification(String method) {
        return awaitNotification(notification -> notification.method().equals(method), method);
    }

    /**
     * Waits (up to the request time-out) for a notification that matches.
     *
     * @param description what is awaited, for the failure message
     * @throws AssertionError when none came in time
     */
    public McpNotification awaitNotification(Predicate<McpNotification> wanted, String description) {
        try {
            McpNotification found = core.awaitNotification(wanted, core.timeout());
            if (found == null) {
                throw new AssertionError("no notification " + description + " within " + core.timeout()
                        + "; received: " + notifications());
            }
            return found;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + description, ex);
        }
    }

    // ------------------------------------------------------------------ session

    /** The session id, {@code null} before the first request of a 2025 revision and always in 2026-07-28. */
    public synchronized @Nullable String sessionId() {
        return connection == null ? null : connection.sessionId();
    }

    /**
     * Ends the session (if any), closes the open streams, and forgets everything the test set: scripted answers,
     * capabilities, headers, log level, time-out, recorded notifications, and a protocol version other than the one
     * the client was made with. Called by the test kit after each test method.
     */
    public synchronized void reset() {
        endConnection();
        core.reset();
        version = defaultVersion;
    }

    /** Ends the session (if any) and closes the open streams; the next request starts anew. */
    @Override
    public synchronized void close() {
        endConnection();
    }

    private synchronized Connection connection() {
        if (connection == null) {
            connection = ModernConnection.serves(version) ? new ModernConnection(core, version)
                    : new LegacyConnection(core, version);
        }
        return connection;
    }

    private synchronized void endConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public String toString() {
        return "McpTestClient[" + core.exchange() + ", " + protocolVersion() + "]";
    }
}
