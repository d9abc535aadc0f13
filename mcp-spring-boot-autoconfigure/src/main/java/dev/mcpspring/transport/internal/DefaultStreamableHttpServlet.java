package dev.mcpspring.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.InvalidMessageException;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.server.internal.ModernRequest;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.SessionStoreUnavailableException;
import dev.mcpspring.session.StreamConflictException;
import dev.mcpspring.session.UnknownEventIdException;
import dev.mcpspring.session.internal.SessionState;
import dev.mcpspring.transport.StreamableHttpServlet;
import tools.jackson.databind.JsonNode;

/**
 * The {@link StreamableHttpServlet}: POST carries client messages, GET opens the session's standalone SSE stream,
 * DELETE ends the session.
 * <p>
 * Every request is checked (Host and Origin against DNS rebinding, Accept, Content-Type, size, protocol version,
 * session) before any handler runs, and every refusal is an HTTP error with a JSON-RPC error body. A handler that
 * may wait for the client runs on the handler executor, its response asynchronous, while the servlet thread returns
 * at once, so neither a tool waiting for the client nor an idle stream holds a container thread. Work that cannot
 * wait runs on the request's thread ({@link RequestThreadExecutor}) and, when the client takes JSON, is answered
 * before the servlet returns, as a controller's: no asynchronous request at all.
 * <p>
 * SSE streams are resumable (SEP-1699): in a session every event has an id naming its stream, the session
 * manager's event store keeps it, and a GET with {@code Last-Event-ID} replays the rest of that one stream and
 * carries it on. Clients of 2025-11-25 or later get a priming event (id, {@code retry}, empty data) first on every
 * stream, and in polling mode the connection of a request's stream is closed right after it.
 */
public class DefaultStreamableHttpServlet extends StreamableHttpServlet implements DisposableBean {

    /** The {@code Retry-After} of the 503 that refuses new sessions and streams during a graceful shutdown. */
    static final String SHUTDOWN_RETRY_AFTER_SECONDS = "5";

    private static final Log logger = LogFactory.getLog(DefaultStreamableHttpServlet.class);

    private static final SessionManager.Activity NO_ACTIVITY = () -> { };

    /** How much of a body over the limit is read and dropped before the 413 (Tomcat's default swallow size). */
    private static final long DISCARDED_BODY_LIMIT = 2 * 1024 * 1024;

    /** The answer to a request that failed by a fault of the server: what went wrong is in the log only. */
    private static final JsonRpcError INTERNAL_ERROR = new JsonRpcError(ErrorCodes.INTERNAL_ERROR,
            "Internal error: the server could not handle the request; its log says why");

    private final transient McpServer server;

    private final transient SessionManager sessions;

    private final transient SessionResolver resolver;

    private final transient JsonRpcCodec codec;

    private final transient RequestThreadExecutor executor;

    private final transient TransportSettings settings;

    private final transient OriginValidator origins;

    private final transient HostValidator hosts;

    private final transient @Nullable EndpointCors cors;

    private final transient SseConnections sseConnections;

    public DefaultStreamableHttpServlet(McpServer server, SessionManager sessions, JsonRpcCodec codec,
            RequestThreadExecutor executor, TransportSettings settings) {
        this.server = server;
        this.sessions = sessions;
        this.resolver = new SessionResolver(sessions, settings.stateless(), server.versions());
        this.codec = codec;
        this.executor = executor;
        this.settings = settings;
        this.origins = new OriginValidator(settings.allowedOrigins());
        this.hosts = new HostValidator(settings.allowedHosts(), settings.trustForwardedHost());
        this.cors = EndpointCors.of(origins, settings);
        this.sseConnections = new SseConnections(codec, settings);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EndpointObservation.name(request);
        try {
            hosts.check(request);
            String origin = origins.check(request);
            if (origin != null && cors != null && cors.handle(request, response)) {
                return; // a CORS preflight request, answered
            }
            String method = request.getMethod();
            if (!"POST".equals(method) && ProtocolVersion.isModern(request.getHeader(VERSION_HEADER))) {
                throw new RequestRefusedException(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed: "
                        + "protocol " + request.getHeader(VERSION_HEADER) + " has no sessions and no standalone SSE "
                        + "stream; send every message as a POST").header("Allow", "POST");
            }
            if (settings.stateless() && !"POST".equals(method)) {
                throw new RequestRefusedException(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed: "
                        + "this server is stateless (no sessions, no standalone SSE stream) and accepts only POST")
                    .header("Allow", "POST");
            }
            refuseNameless(request);
            switch (method) {
                case "POST" -> post(request, response);
                case "GET" -> get(request, response);
                case "DELETE" -> delete(request, response);
                default -> throw new RequestRefusedException(HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                        "Method Not Allowed: the MCP endpoint accepts GET, POST and DELETE")
                    .header("Allow", "GET, POST, DELETE");
            }
        }
        catch (RequestRefusedException refusal) {
            refusal.headers().forEach(response::setHeader);
            HttpErrors.write(response, codec, refusal.status(), null, refusal.error());
        }
        catch (SessionStoreUnavailableException ex) {
            RequestRefusedException refusal = storeUnavailable(ex);
            refusal.headers().forEach(response::setHeader);
            HttpErrors.write(response, codec, refusal.status(), null, refusal.error());
        }
        catch (RuntimeException ex) { // a fault of the server, answered as JSON-RPC and without its stack trace
            logger.error("MCP " + request.getMethod() + " request could not be handled", ex);
            HttpErrors.write(response, codec, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, null, INTERNAL_ERROR);
        }
        finally {
            FilterChainExit.servletReturned(request);
        }
    }

    /**
     * 403 for a caller authenticated without a name (a token without {@code sub}): sessions, tasks and request
     * states belong to the caller's name, so all such callers would share them.
     */
    private static void refuseNameless(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal != null && (principal.getName() == null || principal.getName().isBlank())) {
            throw new RequestRefusedException(HttpServletResponse.SC_FORBIDDEN, "Forbidden: the caller is "
                    + "authenticated without a name (a token without \"sub\", say), and the sessions, tasks and "
                    + "request states of the MCP server belong to the caller's name; name callers by a claim they "
                    + "all have (spring.security.oauth2.resourceserver.jwt.principal-claim-name, e.g. client_id)");
        }
    }

    /** 503: the shared session store (Redis) cannot be reached now; nothing was changed, so retrying is safe. */
    private static RequestRefusedException storeUnavailable(SessionStoreUnavailableException ex) {
        logger.warn("MCP request refused: " + ex.getMessage());
        return new RequestRefusedException(HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCodes.INTERNAL_ERROR,
                "Service Unavailable: what this session needs cannot be reached now (the session store, or the "
                        + "server instance holding its stream); retry shortly")
            .header("Retry-After", "1");
    }

    /**
     * Stops the SSE threads: called by the servlet container, and by the application context as it closes (also
     * when its start-up failed, before any container had the servlet), whichever comes first.
     */
    @Override
    public void destroy() {
        sseConnections.close();
    }

    /** How many SSE streams are open now (standalone, request and subscription streams alike). */
    public int openSseStreams() {
        return sseConnections.openCount();
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AcceptHeader accept = AcceptHeader.parse(request.getHeaders("Accept"));
        boolean jsonAllowed = accept.accepts("application", "json");
        boolean sseAllowed = accept.accepts("text", "event-stream");
        if (!jsonAllowed && !sseAllowed) {
            throw new RequestRefusedException(HttpServletResponse.SC_NOT_ACCEPTABLE,
                    "Not Acceptable: the Accept header must allow application/json and text/event-stream");
        }
        if (!isJson(request.getContentType())) {
            throw new RequestRefusedException(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Media Type: the body must be JSON with Content-Type application/json");
        }
        JsonNode tree;
        List<JsonRpcMessage> messages;
        List<JsonRpcMessage.ErrorResponse> refused; // a batch's members that are no messages, an invalid answer
        try {
            tree = codec.readTree(readBody(request));
            JsonRpcCodec.Batch members = codec.read(tree);
            messages = members.messages();
            refused = members.refused();
        }
        catch (InvalidMessageException ex) {
            HttpErrors.write(response, codec, HttpServletResponse.SC_BAD_REQUEST, ex.id(), ex.toError());
            return;
        }
        boolean batch = JsonRpcCodec.isBatch(tree);
        JsonRpcMessage first = messages.get(0);
        try {
            postMessages(request, response, messages, refused, batch, jsonAllowed, sseAllowed);
        }
        catch (RequestRefusedException | SessionStoreUnavailableException ex) {
            // answered with the request's id, which is known by now (JSON-RPC's null is for an id that is not)
            RequestRefusedException refusal = ex instanceof SessionStoreUnavailableException unavailable
                    ? storeUnavailable(unavailable) : (RequestRefusedException) ex;
            refusal.headers().forEach(response::setHeader);
            HttpErrors.write(response, codec, refusal.status(), first instanceof JsonRpcMessage.Request r && !batch
                    ? r.id() : null, refusal.error());
        }
    }

    /** The messages of a POST, read: routed to the modern or the session path. */
    private void postMessages(HttpServletRequest request, HttpServletResponse response, List<JsonRpcMessage> messages,
            List<JsonRpcMessage.ErrorResponse> refused, boolean batch, boolean jsonAllowed, boolean sseAllowed)
            throws IOException {
        JsonRpcMessage first = messages.get(0);
        String versionHeader = request.getHeader(VERSION_HEADER); // read once: Tomcat scans the headers each time
        resolver.checkVersionHeader(versionHeader);
        if (isModern(versionHeader, first)) {
            if (batch) {
                throw new RequestRefusedException(HttpServletResponse.SC_BAD_REQUEST, "Invalid Request: a client of "
                        + "protocol " + ProtocolVersion.V2026_07_28 + " sends one JSON-RPC message per request, "
                        + "not a batch");
            }
            postModern(request, response, versionHeader, first, jsonAllowed, sseAllowed);
            return;
        }
        boolean initialize = false; // a loop, not a stream: this runs for every message
        for (JsonRpcMessage message : messages) {
            initialize |= message instanceof JsonRpcMessage.Request r && McpMethods.INITIALIZE.equals(r.method());
        }
        if (initialize && batch) {
            throw new RequestRefusedException(HttpServletResponse.SC_BAD_REQUEST,
                    "Invalid Request: initialize must be sent on its own, not in a JSON-RPC batch");
        }
        // an initialize that names a session is answered by that session ("already initialized")
        boolean create = initialize && (settings.stateless() || request.getHeader(SESSION_HEADER) == null);
        if (create && server.isShuttingDown()) {
            throw shuttingDown("no new session is started");
        }
        McpSession session = create ? resolver.create(request) : resolver.find(request);
        String version = session.isInitialized() ? session.protocolVersion() : ProtocolVersion.LATEST;
        if (batch && !ProtocolVersion.allowsBatches(version)) {
            throw new RequestRefusedException(HttpServletResponse.SC_BAD_REQUEST, "Invalid Request: JSON-RPC "
                    + "batches are only supported in protocol version " + ProtocolVersion.V2025_03_26
                    + "; this session uses " + version);
        }
        SessionManager.Activity activity = beginActivity(session);
        TransportInfo transport = TransportInfo.http(request.getProtocol());
        List<JsonRpcMessage.Request> requests = new ArrayList<>(messages.size());
        for (JsonRpcMessage message : messages) {
            if (message instanceof JsonRpcMessage.Request r) {
                requests.add(r);
            }
            else if (message instanceof JsonRpcMessage.Notification notification) {
                server.handleNotification(session, notification, transport);
            }
            else if (session.id() == null || !sessions.deliverResponse(session.id(), message)) {
                logger.info("Ignoring a response from the client that answers no pending request (it may have timed "
                        + "out): " + message);
            }
        }
        if (requests.isEmpty()) {
            activity.close();
            if (refused.isEmpty()) {
                response.setStatus(HttpServletResponse.SC_ACCEPTED);
            }
            else if (batch) { // notifications or responses, and members that are neither: what was wrong with those
                HttpErrors.writeAll(response, codec, HttpServletResponse.SC_BAD_REQUEST, refused);
            }
            else { // an invalid answer to one of the server's requests
                HttpErrors.write(response, codec, HttpServletResponse.SC_BAD_REQUEST, refused.get(0).id(),
                        refused.get(0).error());
            }
            return;
        }
        handleRequests(request, response, session, activity, requests, refused, batch, create, jsonAllowed,
                sseAllowed, transport);
    }

    /**
     * Runs the requests on this thread when none can wait for the client, else on the handler executor;
     * {@code activity} keeps the session alive until they end. The answer of a batch carries the errors of its
     * {@code refused} members too.
     */
    private void handleRequests(HttpServletRequest request, HttpServletResponse response, McpSession session,
            SessionManager.Activity activity, List<JsonRpcMessage.Request> requests,
            List<JsonRpcMessage.ErrorResponse> refused, boolean batch, boolean created, boolean jsonAllowed,
            boolean sseAllowed, TransportInfo transport) throws IOException {
        SessionManager.Activity accepted = server.beginWork(); // a graceful shutdown waits for it
        boolean immediate = true; // loops, not streams: this runs for every request (a profile showed them)
        List<JsonNode> ids = new ArrayList<>(requests.size());
        for (JsonRpcMessage.Request r : requests) {
            immediate &= server.runsOnRequestThread(r);
            ids.add(r.id());
        }
        // answered before returning, as a controller: no handler here sends before its result, nor does polling
        boolean answerHere = immediate && jsonAllowed && !settings.ssePolling() && executor.runsHere(true);
        PostResponse out = answerHere
                ? PostResponse.answeredHere(response, codec, sseConnections, sessions, session, ids)
                : streamingResponse(request.startAsync(), response, jsonAllowed, sseAllowed, session, ids);
        Principal principal = request.getUserPrincipal(); // read here: the security context is this thread's
        FilterChainExit exit = FilterChainExit.of(request);
        Runnable work = () -> {
            try {
                awaitFilterChainExit(exit);
                if (settings.ssePolling() && out.supportsPolling()) {
                    out.closeConnection(); // polling mode: priming event, then the client comes back with GET
                }
                List<JsonRpcMessage> responses = new ArrayList<>(requests.size() + refused.size());
                responses.addAll(refused);
                try {
                    for (JsonRpcMessage.Request r : requests) {
                        JsonRpcMessage answer = server.handle(session, r, out, principal, transport);
                        if (answer != null) { // null: the client cancelled the request, which gets no response
                            responses.add(answer);
                        }
                    }
                }
                catch (SessionStoreUnavailableException | SessionClosedException ex) {
                    // closed meanwhile (on another instance, say, which this one learnt only now): unknown session, 404
                    RequestRefusedException refusal = ex instanceof SessionStoreUnavailableException unavailable
                            ? storeUnavailable(unavailable) : SessionResolver.notFound();
                    refusal.headers().forEach(out::header);
                    out.complete(List.of(new JsonRpcMessage.ErrorResponse(requests.get(0).id(), refusal.error())),
                            false, refusal.status());
                    return;
                }
                catch (RuntimeException ex) { // a fault of the server (its session store's data, say): this request
                    logger.error("MCP request " + requests.get(0).id() + " could not be handled", ex);
                    out.complete(List.of(new JsonRpcMessage.ErrorResponse(requests.get(0).id(), INTERNAL_ERROR)),
                            false, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                    return;
                }
                if (created && session.id() != null) {
                    if (!responses.isEmpty() && responses.get(0) instanceof JsonRpcMessage.Response) {
                        out.header(SESSION_HEADER, session.id());
                    }
                    else {
                        sessions.close(session.id());
                    }
                }
                // an initialize refused for its version (no legacy revision enabled) is a 400, as for modern clients
                out.complete(responses, batch, created && !batch && !responses.isEmpty()
                        ? HttpStatuses.ofModernError(responses.get(0)) : HttpServletResponse.SC_OK);
            }
            finally {
                activity.close();
                accepted.close();
            }
        };
        try {
            executor.execute(work, immediate);
        }
        catch (RejectedExecutionException ex) {
            activity.close();
            accepted.close();
            if (created && session.id() != null) {
                sessions.close(session.id());
            }
            response.setHeader("Retry-After", "1");
            HttpErrors.write(response, codec, HttpServletResponse.SC_SERVICE_UNAVAILABLE, requests.get(0).id(),
                    new RequestRefusedException(HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCodes.INTERNAL_ERROR,
                            "Service Unavailable: the server is too busy to handle this request now; retry shortly")
                        .error());
            out.close();
        }
    }

    /**
     * The response of an asynchronous request: it outlives the servlet's return, and ends early when the
     * container gives up on the connection.
     */
    private PostResponse streamingResponse(AsyncContext async, HttpServletResponse response, boolean jsonAllowed,
            boolean sseAllowed, McpSession session, List<JsonNode> requestIds) {
        async.setTimeout(0);
        PostResponse out = new PostResponse(async, response, codec, jsonAllowed, sseAllowed, sseConnections,
                sessions, session, requestIds);
        async.addListener(closeOnError(out::connectionLost));
        return out;
    }

    /** Lets the request's thread leave the filters before the handler may write the response (see the class). */
    private static void awaitFilterChainExit(@Nullable FilterChainExit exit) {
        if (exit != null) {
            exit.await();
        }
    }

    /**
     * Whether a message comes from a modern (2026-07-28) client: it names a modern revision in its
     * {@code MCP-Protocol-Version} header, names any version in its {@code _meta} (which no legacy client sends),
     * or it is a {@code server/discover}. Everything else, {@code initialize} above all, is legacy.
     */
    private static boolean isModern(@Nullable String versionHeader, JsonRpcMessage message) {
        return ProtocolVersion.isModern(versionHeader)
                || message instanceof JsonRpcMessage.Request r && ModernRequest.isModern(r);
    }

    /**
     * A message of a modern client: served without a session, checked against its headers; a
     * {@code subscriptions/listen} opens a stream that stays open, any other request runs where
     * {@link RequestThreadExecutor} puts it.
     */
    private void postModern(HttpServletRequest request, HttpServletResponse response, @Nullable String versionHeader,
            JsonRpcMessage message, boolean jsonAllowed, boolean sseAllowed) throws IOException {
        if (message instanceof JsonRpcMessage.Notification notification) {
            // 2026-07-28 defines none over HTTP: accepted, observed, unused
            String version = ModernRequest.versionOf(notification.params());
            server.handleNotification(SessionState.ofRequest(null, version != null ? version : versionHeader, null,
                    null, null), notification,
                    TransportInfo.http(request.getProtocol()));
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        if (!(message instanceof JsonRpcMessage.Request jsonRpcRequest)) {
            throw new RequestRefusedException(HttpServletResponse.SC_BAD_REQUEST, "Invalid Request: a client of "
                    + "protocol " + ProtocolVersion.V2026_07_28 + " sends no JSON-RPC responses");
        }
        ModernRequest modern;
        try {
            ModernHeaders.checkVersion(versionHeader, ModernRequest.versionOf(jsonRpcRequest.params()));
            modern = server.modernRequest(jsonRpcRequest);
            ModernHeaders.check(request, versionHeader, modern, McpMethods.TOOLS_CALL.equals(modern.method())
                    ? server.paramHeaders(jsonRpcRequest.params().path("name").asString("")) : Map.of());
        }
        catch (McpException ex) {
            HttpErrors.write(response, codec, HttpServletResponse.SC_BAD_REQUEST, jsonRpcRequest.id(), ex.toError());
            return;
        }
        boolean listen = McpMethods.SUBSCRIPTIONS_LISTEN.equals(modern.method());
        if (listen && !sseAllowed) {
            throw new RequestRefusedException(HttpServletResponse.SC_NOT_ACCEPTABLE, "Not Acceptable: "
                    + "subscriptions/listen answers with an SSE stream; the Accept header must allow text/event-stream");
        }
        if (server.isShuttingDown()) {
            throw shuttingDown("no new request is accepted");
        }
        SessionState client = SessionState.ofRequest(null, modern.protocolVersion(), null, null, null);
        List<JsonNode> ids = List.of(jsonRpcRequest.id());
        boolean immediate = server.runsOnRequestThread(jsonRpcRequest);
        // answered before returning, as a controller: nothing that runs here sends before its result
        boolean answerHere = !listen && immediate && jsonAllowed && executor.runsHere(true);
        PostResponse out = answerHere
                ? PostResponse.answeredHere(response, codec, sseConnections, sessions, client, ids)
                : streamingResponse(request.startAsync(), response, jsonAllowed, sseAllowed, client, ids);
        if (listen) {
            JsonRpcMessage refused = server.listen(modern, out);
            if (refused != null) {
                out.complete(List.of(refused), false, HttpStatuses.ofModernError(refused));
            }
            return;
        }
        SessionManager.Activity accepted = server.beginWork();
        Principal principal = request.getUserPrincipal(); // read here: the security context is this thread's
        TransportInfo transport = TransportInfo.http(request.getProtocol());
        // an answer written here is plain JSON: it cannot turn into a kept-alive stream
        PendingResponses pending = answerHere ? PendingResponses.NONE : sseConnections.pending();
        pending.add(out);
        FilterChainExit exit = FilterChainExit.of(request);
        Runnable work = () -> {
            try {
                awaitFilterChainExit(exit);
                JsonRpcMessage answer = server.handleModern(modern, out, principal, transport);
                out.complete(answer == null ? List.of() : List.of(answer), false, HttpStatuses.ofModernError(answer));
            }
            finally {
                pending.remove(out);
                accepted.close();
            }
        };
        try {
            executor.execute(work, immediate);
        }
        catch (RejectedExecutionException ex) {
            pending.remove(out);
            accepted.close();
            response.setHeader("Retry-After", "1");
            HttpErrors.write(response, codec, HttpServletResponse.SC_SERVICE_UNAVAILABLE, jsonRpcRequest.id(),
                    new JsonRpcError(ErrorCodes.INTERNAL_ERROR,
                            "Service Unavailable: the server is too busy to handle this request now; retry shortly"));
            out.close();
        }
    }

    private void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AcceptHeader.parse(request.getHeaders("Accept")).accepts("text", "event-stream")) {
            throw new RequestRefusedException(HttpServletResponse.SC_NOT_ACCEPTABLE,
                    "Not Acceptable: GET opens an SSE stream; the Accept header must allow text/event-stream");
        }
        resolver.checkVersionHeader(request.getHeader(VERSION_HEADER));
        McpSession session = resolver.find(request);
        String lastEventId = request.getHeader(LAST_EVENT_ID_HEADER);
        boolean resume = lastEventId != null && !lastEventId.isBlank();
        if (!resume && server.isShuttingDown()) { // resuming a request's stream still collects its response
            throw shuttingDown("no new stream is opened");
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        SseStream stream = sseConnections.open(async, response);
        AtomicReference<SessionManager.Activity> registration = new AtomicReference<>();
        stream.onClose(() -> Optional.ofNullable(registration.getAndSet(NO_ACTIVITY))
            .ifPresent(SessionManager.Activity::close));
        try {
            registration.set(!resume ? sessions.openStandaloneStream(session.id(), stream)
                    : sessions.resumeStream(session.id(), lastEventId.trim(), stream));
        }
        catch (StreamConflictException | SessionClosedException | UnknownEventIdException
                | SessionStoreUnavailableException ex) {
            RequestRefusedException refusal = ex instanceof SessionStoreUnavailableException unavailable
                    ? storeUnavailable(unavailable)
                    : ex instanceof StreamConflictException
                    ? new RequestRefusedException(HttpServletResponse.SC_CONFLICT, "Conflict: " + ex.getMessage())
                    : ex instanceof UnknownEventIdException unknown ? unknownEventId(unknown)
                    : SessionResolver.notFound();
            refusal.headers().forEach(response::setHeader);
            HttpErrors.write(response, codec, refusal.status(), null, refusal.error());
            async.complete();
            return;
        }
        if (!stream.isOpen()) { // the client went away while queued messages were sent
            registration.getAndSet(NO_ACTIVITY).close();
            return;
        }
        async.addListener(closeOnError(stream::abort));
        stream.open();
    }

    /** 503 during a graceful shutdown: the client should come back later, to this server's successor. */
    private static RequestRefusedException shuttingDown(String what) {
        return new RequestRefusedException(HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCodes.INTERNAL_ERROR,
                "Service Unavailable: " + McpServer.SHUTTING_DOWN + "; " + what + ". Retry later")
            .header("Retry-After", SHUTDOWN_RETRY_AFTER_SECONDS);
    }

    /** 400 (not 404, which would tell the client its session is gone): the stream cannot be resumed. */
    private static RequestRefusedException unknownEventId(UnknownEventIdException ex) {
        String id = ex.lastEventId();
        String shown = id.length() > 80 ? id.substring(0, 80) + "..." : id;
        return new RequestRefusedException(HttpServletResponse.SC_BAD_REQUEST, "Bad Request: Last-Event-ID '" + shown
                + "' names no stream of this session that can be resumed (unknown, or events after it have expired); "
                + "open a new stream with a GET without Last-Event-ID")
            .data(Map.of("lastEventId", shown));
    }

    private void delete(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(resolver.find(request).id());
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private SessionManager.Activity beginActivity(McpSession session) {
        if (session.id() == null) {
            return NO_ACTIVITY;
        }
        try {
            return sessions.beginActivity(session.id());
        }
        catch (SessionClosedException ex) { // expired between the look-up and now
            throw SessionResolver.notFound();
        }
    }

    /** Reads the body up to the configured limit; 413 when it is larger. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long limit = settings.maxBodyBytes();
        long declared = request.getContentLengthLong();
        // a declared length is exact (the container stops the stream there), so read just that; without one,
        // read up to one byte past the limit to notice a body that is too large
        long toRead = declared >= 0 ? declared : limit + 1;
        byte[] body = declared > limit ? null
                : request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, toRead));
        if (body == null || body.length > limit) {
            discardUnread(request.getInputStream());
            throw new RequestRefusedException(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Payload Too Large: "
                    + "the body exceeds the limit of " + limit + " bytes (mcp.server.transport.max-body-size)")
                .header("Connection", "close");
        }
        return body;
    }

    /**
     * Reads and drops up to {@link #DISCARDED_BODY_LIMIT} bytes more of a body refused as too large, so that a
     * client still sending it reads the 413 instead of a connection reset: Tomcat does this itself (up to its
     * {@code maxSwallowSize}), Jetty closes the connection with the body unread. A larger body still ends the
     * connection.
     */
    private static void discardUnread(InputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        long left = DISCARDED_BODY_LIMIT;
        int read;
        while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }

    /**
     * Closes the stream when the container reports an error or time-out on the connection, and completes the
     * asynchronous request there and then: a listener that leaves it open makes the container dispatch the
     * request to the error page, which would try to write an error body into a committed SSE response.
     */
    private static AsyncListener closeOnError(Runnable close) {
        return new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                end(event);
            }

            @Override
            public void onError(AsyncEvent event) {
                end(event);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }

            private void end(AsyncEvent event) {
                close.run();
                try {
                    event.getAsyncContext().complete();
                }
                catch (IllegalStateException ex) {
                    // completed already (by the close above, or by the thread whose write failed)
                }
            }
        };
    }
}
