package dev.mcpspring.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.InvalidMessageException;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.server.McpServer;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionLimitExceededException;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.SessionState;
import dev.mcpspring.session.StreamConflictException;
import tools.jackson.databind.JsonNode;

/**
 * The MCP Streamable HTTP endpoint: POST carries client messages, GET opens the session's standalone SSE
 * stream, DELETE ends the session.
 * <p>
 * Every request is checked (Origin, Accept, Content-Type, size, protocol version, session) before any handler
 * runs, and every refusal is an HTTP error with a JSON-RPC error body. Handlers run on the handler executor
 * while the servlet thread returns at once (asynchronous servlet), so neither a running tool nor an idle
 * stream holds a container thread.
 */
public class StreamableHttpServlet extends HttpServlet {

    /** The session header. Header names are case-insensitive; 2025-11-25 spells it {@code MCP-Session-Id}. */
    public static final String SESSION_HEADER = "Mcp-Session-Id";

    /** The protocol version header, required after {@code initialize} from 2025-06-18 on. */
    public static final String VERSION_HEADER = "MCP-Protocol-Version";

    /** JSON-RPC error code for an unknown or expired session (implementation-defined server error range). */
    static final int SESSION_NOT_FOUND = -32001;

    private static final Log logger = LogFactory.getLog(StreamableHttpServlet.class);

    private static final SessionManager.Activity NO_ACTIVITY = () -> { };

    private final transient McpServer server;

    private final transient SessionManager sessions;

    private final transient JsonRpcCodec codec;

    private final transient Executor executor;

    private final transient TransportSettings settings;

    private final transient OriginValidator origins;

    private final transient SseKeepAlive keepAlive;

    public StreamableHttpServlet(McpServer server, SessionManager sessions, JsonRpcCodec codec, Executor executor,
            TransportSettings settings) {
        this.server = server;
        this.sessions = sessions;
        this.codec = codec;
        this.executor = executor;
        this.settings = settings;
        this.origins = new OriginValidator(settings.allowedOrigins());
        this.keepAlive = new SseKeepAlive(settings.keepAliveInterval(), executor);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!origins.isAllowed(request.getHeader("Origin"))) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, ErrorCodes.INVALID_REQUEST,
                    "Forbidden: Origin '" + request.getHeader("Origin") + "' is not allowed to use this MCP "
                            + "endpoint (add it to mcp.server.security.allowed-origins)");
            return;
        }
        switch (request.getMethod()) {
            case "POST" -> post(request, response);
            case "GET" -> get(request, response);
            case "DELETE" -> delete(request, response);
            default -> {
                response.setHeader("Allow", settings.stateless() ? "POST" : "GET, POST, DELETE");
                refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, ErrorCodes.INVALID_REQUEST,
                        "Method Not Allowed: the MCP endpoint accepts " + response.getHeader("Allow"));
            }
        }
    }

    @Override
    public void destroy() {
        keepAlive.close();
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AcceptHeader accept = AcceptHeader.parse(request.getHeaders("Accept"));
        boolean jsonAllowed = accept.accepts("application", "json");
        boolean sseAllowed = accept.accepts("text", "event-stream");
        if (!jsonAllowed && !sseAllowed) {
            refuse(response, HttpServletResponse.SC_NOT_ACCEPTABLE, ErrorCodes.INVALID_REQUEST,
                    "Not Acceptable: the Accept header must allow application/json and text/event-stream");
            return;
        }
        if (!isJson(request.getContentType())) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, ErrorCodes.INVALID_REQUEST,
                    "Unsupported Media Type: the body must be JSON with Content-Type application/json");
            return;
        }
        String headerVersion = request.getHeader(VERSION_HEADER);
        if (!checkVersionHeader(headerVersion, response)) {
            return;
        }
        byte[] body = readBody(request, response);
        if (body == null) {
            return;
        }
        JsonNode tree;
        List<JsonRpcMessage> messages;
        try {
            tree = codec.readTree(new ByteArrayInputStream(body));
            messages = codec.readMessages(tree);
        }
        catch (InvalidMessageException ex) {
            HttpErrors.write(response, codec, HttpServletResponse.SC_BAD_REQUEST, ex.id(), ex.toError());
            return;
        }
        boolean batch = tree.isArray();
        boolean initialize = messages.stream()
            .anyMatch(message -> message instanceof JsonRpcMessage.Request r
                    && McpMethods.INITIALIZE.equals(r.method()));
        if (initialize && batch) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: initialize must be sent on its own, not in a JSON-RPC batch");
            return;
        }
        // an initialize that names a session is answered by that session ("already initialized")
        boolean create = initialize && (settings.stateless() || request.getHeader(SESSION_HEADER) == null);
        McpSession session = create ? newSession(request, response) : existingSession(request, response);
        if (session == null) {
            return;
        }
        String version = session.isInitialized() ? session.protocolVersion() : ProtocolVersion.LATEST;
        if (batch && !ProtocolVersion.allowsBatches(version)) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are only supported in protocol version "
                            + ProtocolVersion.V2025_03_26 + "; this session uses " + version);
            return;
        }
        SessionManager.Activity activity;
        try {
            activity = session.id() == null ? NO_ACTIVITY : sessions.beginActivity(session.id());
        }
        catch (SessionClosedException ex) { // expired between the look-up and now
            refuse(response, HttpServletResponse.SC_NOT_FOUND, SESSION_NOT_FOUND, sessionNotFound());
            return;
        }
        List<JsonRpcMessage.Request> requests = new ArrayList<>(messages.size());
        for (JsonRpcMessage message : messages) {
            if (message instanceof JsonRpcMessage.Request r) {
                requests.add(r);
            }
            else if (message instanceof JsonRpcMessage.Notification notification) {
                server.handleNotification(session, notification);
            }
            else if (session.id() == null || !sessions.deliverResponse(session.id(), message)) {
                logger.debug("Ignoring a response from the client that answers no pending request: " + message);
            }
        }
        if (requests.isEmpty()) {
            activity.close();
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        handleRequests(request, response, session, activity, requests, batch, create, jsonAllowed, sseAllowed);
    }

    /** Runs the requests on the handler executor; {@code activity} keeps the session alive until they end. */
    private void handleRequests(HttpServletRequest request, HttpServletResponse response, McpSession session,
            SessionManager.Activity activity, List<JsonRpcMessage.Request> requests, boolean batch,
            boolean created, boolean jsonAllowed, boolean sseAllowed) throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        PostResponse out = new PostResponse(async, response, codec, jsonAllowed, sseAllowed, keepAlive);
        async.addListener(closeOnError(out::close));
        Runnable work = () -> {
            try {
                List<JsonRpcMessage> responses = new ArrayList<>(requests.size());
                for (JsonRpcMessage.Request r : requests) {
                    responses.add(server.handle(session, r, out));
                }
                if (created && session.id() != null) {
                    if (responses.get(0) instanceof JsonRpcMessage.Response) {
                        out.header(SESSION_HEADER, session.id());
                    }
                    else {
                        sessions.close(session.id());
                    }
                }
                out.complete(responses, batch);
            }
            finally {
                activity.close();
            }
        };
        try {
            executor.execute(work);
        }
        catch (RejectedExecutionException ex) {
            activity.close();
            if (created && session.id() != null) {
                sessions.close(session.id());
            }
            response.setHeader("Retry-After", "1");
            HttpErrors.write(response, codec, HttpServletResponse.SC_SERVICE_UNAVAILABLE, requests.get(0).id(),
                    new JsonRpcError(ErrorCodes.INTERNAL_ERROR, "Service Unavailable: the server is too busy to "
                            + "handle this request now; retry shortly"));
            async.complete();
        }
    }

    private void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.stateless()) {
            response.setHeader("Allow", "POST");
            refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, ErrorCodes.INVALID_REQUEST,
                    "Method Not Allowed: this server is stateless and has no standalone SSE stream");
            return;
        }
        if (!AcceptHeader.parse(request.getHeaders("Accept")).accepts("text", "event-stream")) {
            refuse(response, HttpServletResponse.SC_NOT_ACCEPTABLE, ErrorCodes.INVALID_REQUEST,
                    "Not Acceptable: GET opens an SSE stream; the Accept header must allow text/event-stream");
            return;
        }
        if (!checkVersionHeader(request.getHeader(VERSION_HEADER), response)) {
            return;
        }
        McpSession session = existingSession(request, response);
        if (session == null) {
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        SseStream stream = new SseStream(async, response, codec);
        AtomicReference<SessionManager.Activity> registration = new AtomicReference<>();
        stream.onClose(() -> Optional.ofNullable(registration.getAndSet(NO_ACTIVITY))
            .ifPresent(SessionManager.Activity::close));
        try {
            registration.set(sessions.openStandaloneStream(session.id(), stream));
        }
        catch (StreamConflictException ex) {
            refuse(response, HttpServletResponse.SC_CONFLICT, ErrorCodes.INVALID_REQUEST,
                    "Conflict: " + ex.getMessage());
            async.complete();
            return;
        }
        catch (SessionClosedException ex) {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, SESSION_NOT_FOUND, sessionNotFound());
            async.complete();
            return;
        }
        if (!stream.isOpen()) {
            registration.getAndSet(NO_ACTIVITY).close();
            return;
        }
        async.addListener(closeOnError(stream::close));
        keepAlive.register(stream);
        stream.open();
    }

    private void delete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.stateless()) {
            response.setHeader("Allow", "POST");
            refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, ErrorCodes.INVALID_REQUEST,
                    "Method Not Allowed: this server is stateless and has no sessions to delete");
            return;
        }
        McpSession session = existingSession(request, response);
        if (session != null) {
            sessions.close(session.id());
            response.setStatus(HttpServletResponse.SC_OK);
        }
    }

    /** Creates the session for an {@code initialize} request, or answers 503 when the limit is reached. */
    private McpSession newSession(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.stateless()) {
            return new SessionState(null, principal(request));
        }
        try {
            return sessions.create(principal(request));
        }
        catch (SessionLimitExceededException ex) {
            response.setHeader("Retry-After", "30");
            refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCodes.INTERNAL_ERROR,
                    "Service Unavailable: " + ex.getMessage());
            return null;
        }
    }

    /**
     * Finds the session named by the request's header: 400 when the header is missing, 404 when the session is
     * unknown, expired or belongs to another principal.
     */
    private McpSession existingSession(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String headerVersion = request.getHeader(VERSION_HEADER);
        if (settings.stateless()) {
            SessionState session = new SessionState(null, principal(request));
            session.initialize(headerVersion != null ? headerVersion : ProtocolVersion.DEFAULT_WITHOUT_HEADER, null,
                    null);
            return session;
        }
        String id = request.getHeader(SESSION_HEADER);
        if (id == null || id.isBlank()) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
                    "Bad Request: the Mcp-Session-Id header is required; send an initialize request first and "
                            + "repeat the session id it returns on every later request");
            return null;
        }
        String principal = principal(request);
        Optional<McpSession> found = sessions.find(id);
        if (found.isPresent() && !Objects.equals(found.get().principal(), principal)) {
            logger.warn("Refused MCP session " + id + ": presented by a different principal than its creator");
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, SESSION_NOT_FOUND, sessionNotFound());
            return null;
        }
        McpSession session = found.get();
        if (headerVersion != null && ProtocolVersion.hasVersionHeader(session.protocolVersion())
                && !headerVersion.equals(session.protocolVersion())) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
                    "Bad Request: MCP-Protocol-Version '" + headerVersion + "' does not match the version "
                            + session.protocolVersion() + " negotiated for this session");
            return null;
        }
        return session;
    }

    private boolean checkVersionHeader(String headerVersion, HttpServletResponse response) throws IOException {
        if (headerVersion == null || ProtocolVersion.isSupported(headerVersion)) {
            return true;
        }
        refuse(response, HttpServletResponse.SC_BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
                "Bad Request: unsupported MCP-Protocol-Version '" + headerVersion + "'; this server supports "
                        + String.join(", ", ProtocolVersion.SUPPORTED));
        return false;
    }

    /** Reads the body up to the configured limit; answers 413 and returns {@code null} when it is larger. */
    private byte[] readBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long limit = settings.maxBodyBytes();
        byte[] body = request.getContentLengthLong() > limit ? null
                : request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body == null || body.length > limit) {
            response.setHeader("Connection", "close");
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, ErrorCodes.INVALID_REQUEST,
                    "Payload Too Large: the body exceeds the limit of " + limit
                            + " bytes (mcp.server.transport.max-body-size)");
            return null;
        }
        return body;
    }

    private void refuse(HttpServletResponse response, int status, int code, String message) throws IOException {
        HttpErrors.write(response, codec, status, code, message);
    }

    private static String sessionNotFound() {
        return "Session not found: it expired, was deleted or never existed; send a new initialize request "
                + "without an Mcp-Session-Id header";
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static String principal(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    private static AsyncListener closeOnError(Runnable close) {
        return new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                close.run();
            }

            @Override
            public void onError(AsyncEvent event) {
                close.run();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        };
    }
}
