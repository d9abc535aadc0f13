package dev.mcpspring.server.internal;

import java.security.Principal;
import java.time.Duration;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.InitializeRequest;
import dev.mcpspring.protocol.InitializeResult;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.protocol.ServerCapabilities;
import dev.mcpspring.protocol.UrlElicitationRequiredException;
import dev.mcpspring.protocol.internal.ProtocolVersions;
import dev.mcpspring.server.ElicitationSchemaGenerator;
import dev.mcpspring.server.GrantedScopes;
import dev.mcpspring.server.InputRequiredException;
import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.McpPeers;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.McpRequestObserver;
import dev.mcpspring.server.McpRootsChangedEvent;
import dev.mcpspring.server.OrderedRegistry;
import dev.mcpspring.server.ParamHeaders;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.ServerIdentity;
import dev.mcpspring.server.ToolHandler;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.session.DuplicateRequestIdException;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.internal.SessionState;
import tools.jackson.databind.JsonNode;

/**
 * The protocol side of the server: dispatches each request to the handler of its method, enforces the
 * lifecycle rules and turns every outcome into exactly one response. Knows nothing about HTTP.
 * <p>
 * It speaks both eras of the protocol at once. A legacy client (2025-03-26 to 2025-11-25) starts a session with
 * {@code initialize} and its requests are {@linkplain #handle handled in that session}; a modern client
 * (2026-07-28) has no session, and each of its requests, carrying the client's version and capabilities in its
 * {@code _meta}, is {@linkplain #handleModern handled on its own}. The same handlers serve both: a handler's
 * {@link PeerHandle} sends requests to a legacy client and turns into multi round-trip questions for a modern one.
 */
public class McpServer {

    /** Why server-to-client requests end and new sessions are refused while the server shuts down. */
    public static final String SHUTTING_DOWN = "the server is shutting down";

    private static final Log logger = LogFactory.getLog(McpServer.class);

    private static final Map<String, Object> EMPTY_RESULT = Map.of();

    private final ServerIdentity identity;

    private final ServerRegistries registries;

    private final SessionManager sessions;

    private final JsonRpcCodec codec;

    private final DefaultPeerHandle.PeerContext peerContext;

    private final McpPeers peers;

    private final Map<String, RequestHandler> handlers = new HashMap<>();

    /** The {@code Mcp-Param-*} headers of each tool called so far, by tool name; forgotten when the tools change. */
    private final Map<String, Map<String, List<String>>> paramHeaders = new ConcurrentHashMap<>();

    /** The handlers of modern requests: the shared ones without the methods 2026-07-28 removed, plus its own. */
    private final Map<String, RequestHandler> modernHandlers = new HashMap<>();

    private final ModernSettings modern;

    private final McpRequestObserver observer;

    private final SubscriptionStreams subscriptions;

    private final ModernResults modernResults;

    private final Clock clock = Clock.systemUTC();

    /** Runs tools as tasks; {@code null} when tasks are disabled. */
    private final @Nullable Tasks tasks;

    private final Object workLock = new Object();

    private int work; // guarded by workLock: requests accepted and not yet answered

    /** How to cancel each 2026-07-28 request being handled (see {@link #cancelRunningRequests()}). */
    private final Set<Consumer<String>> runningModern = ConcurrentHashMap.newKeySet();

    private volatile boolean shuttingDown;

    private final Consumer<McpRootsChangedEvent> rootsChanged;

    /**
     * @param identity           how the server introduces itself
     * @param registries         what it offers
     * @param sessions           where sessions live and messages to them are routed
     * @param codec              the JSON-RPC codec
     * @param pageSize           items per page of list results
     * @param subscriptionLimits bounds of the subscriptions clients make
     * @param peerSettings       default time-outs of calls to the client
     * @param elicitationSchemas derives form schemas for typed elicitation
     * @param grantedScopes      reads the scopes of a request's principal, checked against a tool's
     *                           {@link ToolSpecification#requiredScopes() required scopes}
     * @param modern             the enabled revisions and how modern requests are served
     * @param observer           surrounds the handling of every request
     * @param rootsChanged       told when a session's client says its roots changed
     * @param taskSettings       how tools run as tasks, or {@code null} when no tool does
     */
    public McpServer(ServerIdentity identity, ServerRegistries registries, SessionManager sessions,
            JsonRpcCodec codec, int pageSize, SubscriptionLimits subscriptionLimits, PeerSettings peerSettings,
            ElicitationSchemaGenerator elicitationSchemas, GrantedScopes grantedScopes, ModernSettings modern,
            McpRequestObserver observer, Consumer<McpRootsChangedEvent> rootsChanged,
            @Nullable TaskSettings taskSettings) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("The page size must be at least 1, but was " + pageSize);
        }
        this.identity = identity;
        this.registries = registries;
        this.sessions = sessions;
        this.codec = codec;
        this.peerContext = new DefaultPeerHandle.PeerContext(new ClientRequestSender(sessions, codec, observer), codec,
                sessions, elicitationSchemas, peerSettings);
        this.peers = new SessionPeers(sessions, peerContext);
        this.modern = modern;
        this.observer = observer;
        this.rootsChanged = rootsChanged;
        JsonNode serverInfo = codec.toTree(identity.serverInfo());
        this.subscriptions = new SubscriptionStreams(codec, subscriptionLimits, serverInfo);
        // list changes and resource updates of the other instances, for the subscription streams open here
        sessions.onOtherInstancesNotification(subscriptions::notified);
        this.modernResults = new ModernResults(serverInfo, modern.caching(), codec);
        handlers.put(McpMethods.INITIALIZE, this::initialize);
        handlers.put(McpMethods.PING, (context, params) -> EMPTY_RESULT);
        handlers.put(McpMethods.LOGGING_SET_LEVEL, this::setLogLevel);
        this.tasks = taskSettings == null ? null : new Tasks(taskSettings, codec, peerContext, clock);
        new ToolsFeature(registries.tools(), codec, pageSize,
                grantedScopes == null ? GrantedScopes.NONE : grantedScopes, tasks).register(handlers);
        if (tasks != null) {
            tasks.register(handlers);
        }
        new ResourcesFeature(registries.resources(), registries.resourceTemplates(), sessions, codec, pageSize,
                subscriptionLimits).register(handlers);
        new PromptsFeature(registries.prompts(), codec, pageSize).register(handlers);
        new CompletionsFeature(registries.completions(), registries.prompts(), registries.resourceTemplates(), codec)
            .register(handlers);
        registries.tools().addChangeListener(paramHeaders::clear);
        announceChanges(registries.tools(), McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED);
        announceChanges(registries.resources(), McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED);
        announceChanges(registries.resourceTemplates(), McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED);
        announceChanges(registries.prompts(), McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED);
        modernHandlers.putAll(handlers);
        REMOVED_IN_MODERN.forEach(modernHandlers::remove);
        modernHandlers.put(McpMethods.SERVER_DISCOVER, this::discover);
        if (tasks != null) {
            tasks.registerModern(modernHandlers);
        }
    }

    /** Methods a modern client cannot call: 2026-07-28 removed them. */
    private static final List<String> REMOVED_IN_MODERN = List.of(McpMethods.INITIALIZE, McpMethods.PING,
            McpMethods.LOGGING_SET_LEVEL, McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE);

    /** The requests of a modern client whose handler may ask the client for input (multi round-trip requests). */
    private static final List<String> MULTI_ROUND_METHODS = List.of(McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET,
            McpMethods.RESOURCES_READ);

    /**
     * The requests whose handling never waits for the client or for other work: their answers come from the
     * server's own state.
     */
    private static final Set<String> IMMEDIATE_METHODS = Set.of(McpMethods.INITIALIZE, McpMethods.SERVER_DISCOVER,
            McpMethods.PING, McpMethods.TOOLS_LIST, McpMethods.RESOURCES_LIST, McpMethods.RESOURCES_TEMPLATES_LIST,
            McpMethods.PROMPTS_LIST, McpMethods.LOGGING_SET_LEVEL, McpMethods.RESOURCES_SUBSCRIBE,
            McpMethods.RESOURCES_UNSUBSCRIBE, McpMethods.TASKS_GET, McpMethods.TASKS_LIST, McpMethods.TASKS_CANCEL);

    /**
     * Whether {@code request} may be handled on the thread the transport received it on: it cannot wait for the
     * client (which would hold that thread while the client's answer may need one), because its answer comes from
     * the server's own state or its tool {@linkplain ToolHandler#runsOnRequestThread() says so}. An unknown tool
     * is answered at once too.
     */
    public boolean runsOnRequestThread(JsonRpcMessage.Request request) {
        if (McpMethods.TOOLS_CALL.equals(request.method())) {
            return request.params() == null || registries.tools().find(request.params().path("name").asString(""))
                .map(tool -> tool.handler().runsOnRequestThread())
                .orElse(true);
        }
        return IMMEDIATE_METHODS.contains(request.method());
    }

    /** The enabled protocol revisions. */
    public ProtocolVersions versions() {
        return modern.versions();
    }

    /**
     * The {@code Mcp-Param-*} headers a modern client sends with a call of the tool {@code name}, by header name
     * with the property path of each; empty for an unknown tool.
     */
    public Map<String, List<String>> paramHeaders(String name) {
        Map<String, List<String>> known = paramHeaders.get(name);
        if (known != null) {
            return known;
        }
        // only registered tools are remembered: a client must not grow this map with names of its own
        return registries.tools().find(name).map(spec -> {
            Map<String, List<String>> headers = ParamHeaders.of(spec.tool().inputSchema());
            paramHeaders.put(name, headers);
            return headers;
        }).orElse(Map.of());
    }

    /** The open {@code subscriptions/listen} streams of modern clients. */
    public SubscriptionStreams subscriptions() {
        return subscriptions;
    }

    /** Hands out session-bound {@link PeerHandle}s. */
    public McpPeers peers() {
        return peers;
    }

    /**
     * Handles one request and returns its response. Returns {@code null} when the client cancelled the request
     * meanwhile (no response is sent for it), and a -32800 error when its session closed while it ran.
     *
     * @param session       the session (or the per-request session of stateless mode)
     * @param request       the request
     * @param requestStream where messages sent before the result go (the request's response stream)
     */
    public @Nullable JsonRpcMessage handle(McpSession session, JsonRpcMessage.Request request,
            MessageSink requestStream) {
        return handle(session, request, requestStream, null);
    }

    /**
     * Handles one request of an authenticated caller and returns its response. Returns {@code null} when the
     * client cancelled the request meanwhile (no response is sent for it), and a -32800 error when its session
     * closed while it ran.
     *
     * @param session       the session (or the per-request session of stateless mode)
     * @param request       the request
     * @param requestStream where messages sent before the result go (the request's response stream)
     * @param principal     who sent the request ({@link McpRequestContext#principal()}), {@code null} when
     *                      anonymous
     * @throws SessionClosedException when the session turns out to be closed (perhaps by another instance) as the
     *                                request is registered: a transport answers as for an unknown session
     */
    public @Nullable JsonRpcMessage handle(McpSession session, JsonRpcMessage.Request request,
            MessageSink requestStream, @Nullable Principal principal) {
        return handle(session, request, requestStream, principal, TransportInfo.UNKNOWN);
    }

    /**
     * {@link #handle(McpSession, JsonRpcMessage.Request, MessageSink, Principal)} of a request that came over
     * {@code transport} (which its observation records).
     */
    public @Nullable JsonRpcMessage handle(McpSession session, JsonRpcMessage.Request request,
            MessageSink requestStream, @Nullable Principal principal, TransportInfo transport) {
        try (SessionManager.Activity work = beginWork()) {
            return handleCounted(session, request, requestStream, principal, transport);
        }
    }

    /**
     * Reads what the {@code _meta} of a modern client's request says about the client: the first step of serving
     * it, before {@link #handleModern} or {@link #listen}. A transport answers a failure as a malformed request
     * (HTTP 400).
     *
     * @throws McpException -32602 when a required field is missing or malformed, -32022 when the version is not
     *                      enabled
     */
    public ModernRequest modernRequest(JsonRpcMessage.Request request) {
        return ModernRequest.of(request, modern.versions(), codec);
    }

    /**
     * Handles one request of a modern (2026-07-28) client, which has no session, and returns its response; never
     * throws. Returns {@code null} when the client went away meanwhile ({@link MessageSink#onDisconnect}: for such
     * a client that is the cancellation of the request).
     *
     * @param request       the request, read by {@link #modernRequest}
     * @param requestStream where progress and log messages go (the request's response stream)
     * @param principal     who sent the request, {@code null} when anonymous
     */
    public @Nullable JsonRpcMessage handleModern(ModernRequest request, MessageSink requestStream,
            @Nullable Principal principal) {
        return handleModern(request, requestStream, principal, TransportInfo.UNKNOWN);
    }

    /** {@link #handleModern(ModernRequest, MessageSink, Principal)} of a request that came over {@code transport}. */
    public @Nullable JsonRpcMessage handleModern(ModernRequest modernRequest, MessageSink requestStream,
            @Nullable Principal principal, TransportInfo transport) {
        try (SessionManager.Activity work = beginWork()) {
            RequestCancellation cancellation = new RequestCancellation();
            requestStream.onDisconnect(() -> cancellation.cancelByClient("the client closed the response stream"));
            JsonRpcMessage.Request request = modernRequest.request();
            SessionState client = SessionState.ofRequest(principal == null ? null : principal.getName(),
                    modernRequest.protocolVersion(), modernRequest.clientInfo(), modernRequest.capabilities(),
                    modernRequest.logLevel());
            RequestContext context = new RequestContext(client, request, RequestMeta.of(request.params(),
                    codec.mapper()), peerContext, requestStream, principal, transport);
            McpRequestObserver.Scope scope = observer.start(context);
            context.scope(scope);
            AtomicBoolean answered = new AtomicBoolean();
            Consumer<String> cancel = reason -> {
                cancellation.cancel(reason);
                answerCancelled(context, answered, reason);
            };
            runningModern.add(cancel);
            try {
                JsonRpcMessage response = dispatchModern(context, cancellation);
                if (cancellation.isCancelledByClient() || answered.get()) {
                    scope.error(cancellation.cancelled());
                    return null;
                }
                if (response instanceof JsonRpcMessage.ErrorResponse error) {
                    scope.errorResponse(error.error());
                }
                return response;
            }
            catch (RuntimeException | Error ex) {
                scope.error(ex);
                throw ex;
            }
            finally {
                runningModern.remove(cancel);
                scope.close();
            }
        }
    }

    /**
     * Answers a request whose handler is still running with -32800 now, ending its stream, once: the handler's
     * cancellation signal has fired, and what it sends or returns from now on is dropped.
     */
    private static void answerCancelled(RequestContext context, AtomicBoolean answered, String reason) {
        JsonRpcMessage.ErrorResponse cancelled = new JsonRpcMessage.ErrorResponse(context.request().id(),
                new JsonRpcError(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: " + reason));
        if (answered.compareAndSet(false, true) && !context.requestStream().finish(cancelled)) {
            answered.set(false); // answered as the handler ends, as before
        }
    }

    /**
     * Cancels every 2026-07-28 request still being handled, answering each with -32800 at once: the end of a
     * graceful shutdown, whose wait for them is over (the requests of sessions are cancelled as their sessions
     * close).
     */
    public void cancelRunningRequests() {
        runningModern.forEach(cancel -> cancel.accept(SHUTTING_DOWN));
    }

    /**
     * Opens the {@code subscriptions/listen} stream of a modern client on {@code stream}, which stays open after
     * this returns: it carries the acknowledgement and then the notifications the client opted in to, until the
     * client closes it or the server shuts down.
     *
     * @return {@code null} when the stream is open, else the error response to send instead
     */
    public @Nullable JsonRpcMessage listen(ModernRequest request, MessageSink stream) {
        if (shuttingDown) {
            return new JsonRpcMessage.ErrorResponse(request.request().id(),
                    new JsonRpcError(ErrorCodes.INTERNAL_ERROR, "Service unavailable: " + SHUTTING_DOWN));
        }
        try {
            if (tasks != null) { // task status notifications are the tasks extension's: this server sends none
                tasks.checkListen(request);
            }
            subscriptions.open(request.request(), stream, capabilities());
            return null;
        }
        catch (McpException ex) {
            return new JsonRpcMessage.ErrorResponse(request.request().id(), ex.toError());
        }
    }

    private JsonRpcMessage dispatchModern(RequestContext context, RequestCancellation cancellation) {
        JsonRpcMessage.Request request = context.request();
        try {
            RequestHandler handler = modernHandlers.get(request.method());
            if (handler == null) {
                throw McpException.methodNotFound(request.method());
            }
            McpSession client = context.session();
            InputRounds rounds = !MULTI_ROUND_METHODS.contains(request.method()) ? null
                    : InputRounds.start(request.method(), request.params(), client.principal(), codec, modern,
                            clock);
            context.peer(new DefaultPeerHandle(client, context.requestStream(), context.progressToken(), cancellation,
                    peerContext, rounds, context.transport()));
            Object result = null;
            try {
                result = handler.handle(context, request.params());
            }
            catch (InputRequiredException ex) {
                // the questions are in the rounds
            }
            catch (UrlElicitationRequiredException ex) {
                requireUrlElicitations(context, rounds, ex);
            }
            catch (RuntimeException ex) {
                if (rounds == null || !rounds.hasInputRequests()) {
                    throw ex;
                }
            }
            if (rounds != null && rounds.hasInputRequests()) { // whatever the handler made of its questions
                return new JsonRpcMessage.Response(request.id(),
                        modernResults.inputRequired(rounds.inputRequiredResult()));
            }
            if (result instanceof Tasks.TaskCreated created) { // the call became a task: its handle is the answer
                return new JsonRpcMessage.Response(request.id(), modernResults.task(created.task()));
            }
            noteToolError(context, result);
            return new JsonRpcMessage.Response(request.id(), modernResults.complete(request, result));
        }
        catch (McpException ex) {
            return new JsonRpcMessage.ErrorResponse(request.id(), modernResults.error(ex.toError()));
        }
        catch (RuntimeException ex) {
            logger.error("MCP request " + request.method() + " failed", ex);
            context.scope().error(ex);
            return new JsonRpcMessage.ErrorResponse(request.id(), new JsonRpcError(ErrorCodes.INTERNAL_ERROR,
                    "Internal error while handling " + request.method()));
        }
    }

    /**
     * Asks the URL-mode elicitations a handler requires as questions of this round: 2026-07-28 has no error -32042
     * (URL elicitation required), and a client learns whether the user completed them by retrying the request.
     *
     * @throws McpException -32021 when the client did not declare {@code elicitation.url}; -32603 for a request
     *                      that cannot ask the client anything
     */
    private static void requireUrlElicitations(RequestContext context, @Nullable InputRounds rounds,
            UrlElicitationRequiredException required) {
        if (rounds == null) {
            logger.error("MCP request " + context.request().method() + " required URL elicitations, which only "
                    + MULTI_ROUND_METHODS + " may ask of a " + ProtocolVersion.V2026_07_28 + " client", required);
            throw new McpException(ErrorCodes.INTERNAL_ERROR, "Internal error while handling "
                    + context.request().method());
        }
        if (!context.peer().clientSupport().urlElicitation()) {
            throw new McpClientCapabilityException("elicitation.url", McpMethods.ELICITATION_CREATE + " in URL mode")
                .toProtocolError();
        }
        required.elicitations()
            .forEach(elicitation -> rounds.require(McpMethods.ELICITATION_CREATE, elicitation.withoutElicitationId()));
    }

    /** Tells the observer of a {@code tools/call} whose result has {@code isError: true}. */
    private static void noteToolError(RequestContext context, @Nullable Object result) {
        if (result instanceof CallToolResult tool && Boolean.TRUE.equals(tool.isError())) {
            context.scope().toolError();
        }
    }

    private Object discover(RequestContext context, JsonNode params) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("supportedVersions", modern.versions().newestFirst());
        result.put("capabilities", capabilities(null));
        if (identity.instructions() != null) {
            result.put("instructions", identity.instructions());
        }
        return result;
    }

    /**
     * Marks a request accepted by a transport (it may still wait for a handler thread); {@link #awaitIdle} waits
     * until every such handle is closed. {@link #handle} counts the request itself too.
     */
    public SessionManager.Activity beginWork() {
        synchronized (workLock) {
            work++;
        }
        return new Work();
    }

    /** One request counted by {@link #beginWork()}, uncounted by its first {@code close()}. */
    private final class Work implements SessionManager.Activity {

        private boolean ended; // guarded by workLock

        @Override
        public void close() {
            synchronized (workLock) {
                if (!ended) {
                    ended = true;
                    if (--work == 0) {
                        workLock.notifyAll();
                    }
                }
            }
        }
    }

    /**
     * Starts a graceful shutdown: new sessions are to be refused ({@link #isShuttingDown()}), every request to the
     * client that a handler waits for is withdrawn with {@code notifications/cancelled} (the handler sees
     * {@link McpRequestCancelledException} and goes on to its result) and so is every later one, and the sessions'
     * standalone streams end, so that only the requests being handled keep the server busy.
     */
    public void beginShutdown() {
        shuttingDown = true;
        peerContext.sender().withdrawAll(SHUTTING_DOWN);
        if (tasks != null) {
            tasks.shutdown(SHUTTING_DOWN);
        }
        sessions.endStandaloneStreams();
        subscriptions.closeAll();
    }

    /** Whether {@link #beginShutdown()} was called (and not undone by {@link #resume()}). */
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** How many requests this server sent to clients wait for their answer now, in this JVM. */
    public int pendingClientRequests() {
        return peerContext.sender().pendingCount();
    }

    /** Undoes {@link #beginShutdown()}: the application was stopped and is started again. */
    public void resume() {
        shuttingDown = false;
        peerContext.sender().accept();
    }

    /**
     * Waits until no request is being handled, or {@code timeout} has passed.
     *
     * @return {@code true} when no request is being handled
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (workLock) {
            while (work > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(workLock, left);
            }
            return true;
        }
    }

    private @Nullable JsonRpcMessage handleCounted(McpSession session, JsonRpcMessage.Request request,
            MessageSink requestStream, @Nullable Principal principal, TransportInfo transport) {
        RequestContext context = new RequestContext(session, request, RequestMeta.of(request.params(),
                codec.mapper()), peerContext, requestStream, principal, transport);
        McpRequestObserver.Scope scope = observer.start(context);
        context.scope(scope);
        try {
            JsonRpcMessage response = handleObserved(context);
            if (response == null) { // cancelled by the client, or answered when its session closed
                scope.error(new McpRequestCancelledException("The request was cancelled"));
            }
            else if (response instanceof JsonRpcMessage.ErrorResponse error) {
                scope.errorResponse(error.error());
            }
            return response;
        }
        catch (RuntimeException | Error ex) {
            scope.error(ex);
            throw ex;
        }
        finally {
            scope.close();
        }
    }

    private @Nullable JsonRpcMessage handleObserved(RequestContext context) {
        McpSession session = context.session();
        JsonRpcMessage.Request request = context.request();
        RequestCancellation cancellation = new RequestCancellation();
        AtomicBoolean answered = new AtomicBoolean();
        SessionManager.Activity inFlight;
        try {
            inFlight = session.id() == null ? () -> { }
                    : sessions.registerInFlight(session.id(), request.id(), why -> {
                        if (why.byClient()) {
                            cancellation.cancelByClient(why.reason());
                        }
                        else {
                            // the session closed: the stream ends now, not when the handler gets to its end
                            cancellation.cancel(why.reason());
                            answerCancelled(context, answered, why.reason());
                        }
                    });
        }
        catch (DuplicateRequestIdException ex) {
            return new JsonRpcMessage.ErrorResponse(request.id(),
                    new JsonRpcError(ErrorCodes.INVALID_REQUEST, ex.getMessage()));
        }
        try {
            JsonRpcMessage response = dispatch(context, cancellation);
            if (cancellation.isCancelledByClient() || answered.get()) {
                return null;
            }
            if (cancellation.isCancelled()) {
                return new JsonRpcMessage.ErrorResponse(request.id(), new JsonRpcError(ErrorCodes.REQUEST_CANCELLED,
                        "Request cancelled: " + cancellation.reason()));
            }
            return response;
        }
        finally {
            inFlight.close();
        }
    }

    private JsonRpcMessage dispatch(RequestContext context, RequestCancellation cancellation) {
        McpSession session = context.session();
        JsonRpcMessage.Request request = context.request();
        try {
            RequestHandler handler = handlers.get(request.method());
            if (handler == null) {
                throw McpException.methodNotFound(request.method());
            }
            if (!session.isInitialized() && !McpMethods.INITIALIZE.equals(request.method())
                    && !McpMethods.PING.equals(request.method())) {
                throw McpException.invalidRequest(
                        "Server not initialized: send an initialize request before " + request.method());
            }
            context.peer(new DefaultPeerHandle(session, context.requestStream(), context.progressToken(), cancellation,
                    peerContext, null, context.transport()));
            Object result = handler.handle(context, request.params());
            noteToolError(context, result);
            return new JsonRpcMessage.Response(request.id(), codec.serialized(result));
        }
        catch (McpException ex) {
            return new JsonRpcMessage.ErrorResponse(request.id(), ex.toError());
        }
        catch (RuntimeException ex) {
            logger.error("MCP request " + request.method() + " failed", ex);
            context.scope().error(ex);
            return new JsonRpcMessage.ErrorResponse(request.id(), new JsonRpcError(ErrorCodes.INTERNAL_ERROR,
                    "Internal error while handling " + request.method()));
        }
    }

    /**
     * Handles a notification from the client: a cancellation reaches the request it names; unknown notifications
     * are ignored, as JSON-RPC requires.
     */
    public void handleNotification(McpSession session, JsonRpcMessage.Notification notification) {
        handleNotification(session, notification, TransportInfo.UNKNOWN);
    }

    /**
     * {@link #handleNotification(McpSession, JsonRpcMessage.Notification)} of a notification that came over
     * {@code transport}; observed, as every notification received is. A modern client's notification is handled in
     * the per-request session of its revision ({@link SessionState#ofRequest}).
     */
    public void handleNotification(McpSession session, JsonRpcMessage.Notification notification,
            TransportInfo transport) {
        McpRequestObserver.Scope scope = observer.startNotification(new MessageContext(notification.method(), null,
                session.id(), session.protocolVersion(), notification.params(), transport));
        try {
            handleNotificationObserved(session, notification);
        }
        catch (RuntimeException | Error ex) {
            scope.error(ex);
            throw ex;
        }
        finally {
            scope.close();
        }
    }

    private void handleNotificationObserved(McpSession session, JsonRpcMessage.Notification notification) {
        if (McpMethods.NOTIFICATION_CANCELLED.equals(notification.method()) && session.id() != null
                && notification.params() != null && isRequestId(notification.params().get("requestId"))) {
            JsonNode reason = notification.params().get("reason");
            boolean cancelled = sessions.cancelInFlight(session.id(), notification.params().get("requestId"),
                    reason != null && reason.isString() ? reason.asString() : null);
            logger.debug("Client cancelled request " + notification.params().get("requestId")
                    + (cancelled ? "" : ", which is not in flight"));
        }
        else if (McpMethods.NOTIFICATION_ROOTS_LIST_CHANGED.equals(notification.method()) && session.id() != null) {
            try {
                rootsChanged.accept(new McpRootsChangedEvent(session.id(), session.principal()));
            }
            catch (RuntimeException ex) { // the application's listener: the client's notification was fine
                logger.warn("A listener of the roots change of session " + session.id() + " failed", ex);
            }
        }
    }

    /** A JSON-RPC request id: a string or an integer (anything else names no request and is ignored). */
    private static boolean isRequestId(JsonNode id) {
        return id != null && (id.isString() || id.isIntegralNumber());
    }

    /** The capabilities this server announces, derived from what is registered. */
    public ServerCapabilities capabilities() {
        ServerCapabilities.ListChanged listChanged = new ServerCapabilities.ListChanged(true);
        boolean hasResources = !registries.resources().isEmpty() || !registries.resourceTemplates().isEmpty();
        return new ServerCapabilities(null, Map.of(), registries.completions().isEmpty() ? null : Map.of(),
                registries.prompts().isEmpty() ? null : listChanged,
                hasResources ? new ServerCapabilities.ResourcesCapability(true, true) : null,
                registries.tools().isEmpty() ? null : listChanged);
    }

    /**
     * The capabilities announced to a session of {@code version}, or to a modern client ({@code null}), with tasks
     * when a tool may run as one: the {@code tasks} capability of 2025-11-25, the tasks extension of 2026-07-28.
     */
    private ServerCapabilities capabilities(@Nullable String version) {
        ServerCapabilities capabilities = capabilities();
        if (tasks == null || !Tasks.anyTaskTool(registries.tools())) {
            return capabilities;
        }
        if (version == null) {
            return capabilities.withExtension(Tasks.EXTENSION, Map.of());
        }
        return Tasks.hasLegacyTasks(version) ? capabilities.withTasks(tasks.legacyCapability()) : capabilities;
    }

    /** Tells every session when the registry changes after start-up. */
    private void announceChanges(OrderedRegistry<?> registry, String notification) {
        registry.addChangeListener(() -> {
            sessions.sendToAll(new JsonRpcMessage.Notification(notification, null));
            subscriptions.listChanged(notification);
        });
    }

    private Object initialize(RequestContext context, JsonNode params) {
        InitializeRequest request = codec.bindParams(params, InitializeRequest.class);
        if (request.protocolVersion() == null) {
            throw McpException.invalidParams("initialize: \"protocolVersion\" is required");
        }
        McpSession session = context.session();
        if (session.isInitialized()) {
            throw McpException.invalidRequest("This session is already initialized; initialize only once");
        }
        String version = modern.versions().negotiate(request.protocolVersion());
        if (version == null) {
            throw ModernRequest.unsupportedVersion(request.protocolVersion(), modern.versions());
        }
        session.initialize(version, request.clientInfo(), request.capabilities());
        ServerCapabilities capabilities = capabilities(version);
        if (session.id() == null) { // stateless mode: no stream outlives a request to carry a notification
            capabilities = withoutNotifications(capabilities);
        }
        return new InitializeResult(version, capabilities, identity.serverInfo(), identity.instructions(), null);
    }

    /**
     * The capabilities told to a client of stateless mode: without {@code listChanged} and {@code subscribe}, since
     * no list change or resource update can reach a client that has no session (and {@code resources/subscribe}
     * is refused there).
     */
    private static ServerCapabilities withoutNotifications(ServerCapabilities capabilities) {
        ServerCapabilities.ListChanged none = new ServerCapabilities.ListChanged(false);
        return new ServerCapabilities(capabilities.experimental(), capabilities.logging(), capabilities.completions(),
                capabilities.prompts() == null ? null : none,
                capabilities.resources() == null ? null : new ServerCapabilities.ResourcesCapability(false, false),
                capabilities.tools() == null ? null : none, capabilities.tasks(), capabilities.extensions());
    }

    private Object setLogLevel(RequestContext context, JsonNode params) {
        JsonNode level = params == null ? null : params.get("level");
        try {
            context.session().logLevel(LoggingLevel.fromWire(level.asString()));
        }
        catch (RuntimeException ex) {
            throw McpException.invalidParams("logging/setLevel: \"level\" must be one of debug, info, notice, "
                    + "warning, error, critical, alert, emergency");
        }
        return EMPTY_RESULT;
    }
}
