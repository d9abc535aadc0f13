package dev.mcpspring.server.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.ElicitationCompleteNotification;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.ListRootsResult;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.LoggingMessageNotification;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ProgressNotification;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.protocol.internal.JsonBindingMessages;
import dev.mcpspring.server.ClientSupport;
import dev.mcpspring.server.ElicitationSchemaGenerator;
import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.McpPeerException;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.RequestState;
import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.server.TypedElicitationResult;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.SessionStoreUnavailableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The {@link PeerHandle} of a request (messages on its response stream, with its progress token and
 * cancellation) or of a session (messages on its GET stream).
 * <p>
 * In a legacy (2025) session calls to the client are requests sent to it; in a modern (2026-07-28) request they
 * are questions of its {@link InputRounds}, answered from the request or ending the attempt.
 */
final class DefaultPeerHandle implements PeerHandle {

    private static final Log logger = LogFactory.getLog(DefaultPeerHandle.class);

    private final McpSession session;

    private final MessageSink stream;

    private final Object progressToken;

    private final RequestCancellation cancellation;

    private final PeerContext peers;

    private final InputChannel rounds;

    private final String inputKey;

    private final DefaultPeerHandle keyedFrom; // the handle this one names the questions of, else null

    private final TransportInfo transport;

    private RequestState requestState; // made when first asked for in a legacy request

    private final Object progressLock = new Object();

    private double lastProgress = Double.NEGATIVE_INFINITY; // of the notifications sent, guarded by progressLock

    /**
     * @param stream        the request's response stream, or {@code null} for the session's GET stream
     * @param progressToken the request's progress token, or {@code null}
     * @param cancellation  the request's cancellation, or {@code null} for a session's handle
     * @param rounds        where calls to the client go instead of requests in the session: the rounds of a modern
     *                      request that may ask the client, a task's questions; else {@code null}
     */
    DefaultPeerHandle(McpSession session, @Nullable MessageSink stream, @Nullable Object progressToken,
            @Nullable RequestCancellation cancellation, PeerContext peers, @Nullable InputChannel rounds) {
        this(session, stream, progressToken, cancellation, peers, rounds, TransportInfo.UNKNOWN);
    }

    /**
     * @param stream        the request's response stream, or {@code null} for the session's GET stream
     * @param progressToken the request's progress token, or {@code null}
     * @param cancellation  the request's cancellation, or {@code null} for a session's handle
     * @param rounds        where calls to the client go instead of requests in the session: the rounds of a modern
     *                      request that may ask the client, a task's questions; else {@code null}
     * @param transport     how the client is reached, for the observation of the requests sent to it
     */
    DefaultPeerHandle(McpSession session, @Nullable MessageSink stream, @Nullable Object progressToken,
            @Nullable RequestCancellation cancellation, PeerContext peers, @Nullable InputChannel rounds,
            TransportInfo transport) {
        this(session, stream, progressToken, cancellation, peers, rounds, null, null, transport);
    }

    private DefaultPeerHandle(McpSession session, MessageSink stream, Object progressToken,
            RequestCancellation cancellation, PeerContext peers, InputChannel rounds, String inputKey,
            DefaultPeerHandle keyedFrom, TransportInfo transport) {
        this.transport = transport;
        this.session = session;
        this.stream = stream;
        this.progressToken = progressToken;
        this.cancellation = cancellation;
        this.peers = peers;
        this.rounds = rounds;
        this.inputKey = inputKey;
        this.keyedFrom = keyedFrom;
    }

    @Override
    public PeerHandle withInputKey(String inputKey) {
        if (inputKey == null || inputKey.isEmpty()) {
            throw new IllegalArgumentException("An input key must not be empty");
        }
        return new DefaultPeerHandle(session, stream, progressToken, cancellation, peers, rounds, inputKey,
                keyedFrom != null ? keyedFrom : this, transport);
    }

    @Override
    public CompletableFuture<SamplingResult> sampleAsync(SamplingRequest request) {
        return sampleAsync(request, peers.settings().samplingTimeout());
    }

    @Override
    public ClientSupport clientSupport() {
        return isStateless() ? ClientSupport.NONE : ClientSupport.of(session.clientCapabilities());
    }

    @Override
    public CompletableFuture<SamplingResult> sampleAsync(SamplingRequest request, Duration timeout) {
        ClientCapabilities capabilities = session.clientCapabilities();
        String method = McpMethods.SAMPLING_CREATE_MESSAGE;
        if (isStateless()) {
            return ClientRequestSender.stateless(method);
        }
        ClientSupport support = ClientSupport.of(capabilities);
        if (!support.sampling()) {
            return refuse("sampling", method);
        }
        if ((request.tools() != null || request.toolChoice() != null) && !support.samplingWithTools()) {
            return refuse("sampling.tools", method);
        }
        boolean contextCapabilityExists = ProtocolVersion.V2025_11_25.compareTo(session.protocolVersion()) <= 0;
        if (contextCapabilityExists && request.includeContext() != null && !"none".equals(request.includeContext())
                && !capabilities.sampling().has("context")) {
            return refuse("sampling.context", method + " with includeContext '" + request.includeContext() + "'");
        }
        return call(method, request, SamplingResult.class, timeout);
    }

    @Override
    public CompletableFuture<List<Root>> listRootsAsync() {
        return listRootsAsync(peers.settings().requestTimeout());
    }

    @Override
    public CompletableFuture<List<Root>> listRootsAsync(Duration timeout) {
        if (isStateless()) {
            return ClientRequestSender.stateless(McpMethods.ROOTS_LIST);
        }
        if (!clientSupport().roots()) {
            return refuse("roots", McpMethods.ROOTS_LIST);
        }
        return map(call(McpMethods.ROOTS_LIST, Map.of(), ListRootsResult.class, timeout), ListRootsResult::roots);
    }

    @Override
    public CompletableFuture<ElicitationResult> elicitAsync(ElicitationRequest request) {
        return elicitAsync(request, peers.settings().elicitationTimeout());
    }

    @Override
    public CompletableFuture<ElicitationResult> elicitAsync(ElicitationRequest request, Duration timeout) {
        String method = McpMethods.ELICITATION_CREATE;
        if (isStateless()) {
            return ClientRequestSender.stateless(method);
        }
        if (session.clientCapabilities().elicitation() == null) {
            return refuse("elicitation", method);
        }
        ClientSupport support = clientSupport();
        if (request.isUrlMode() && !support.urlElicitation()) {
            return refuse("elicitation.url", method + " in URL mode");
        }
        if (!request.isUrlMode() && !support.formElicitation()) {
            return refuse("elicitation.form", method + " in form mode");
        }
        CompletableFuture<ElicitationResult> answer = call(method,
                isModern() ? request.withoutElicitationId() : request, ElicitationResult.class, timeout);
        return request.requestedSchema() == null ? answer : map(answer, result -> checked(result, request));
    }

    /** An accepted form's answers, held to the form's schema as the spec asks of a server. */
    private static ElicitationResult checked(ElicitationResult result, ElicitationRequest request) {
        String problems = result.isAccepted() ? FormAnswers.problems(request.requestedSchema(), result.content())
                : null;
        if (problems != null) {
            throw new McpPeerException("The user's answer does not match the requested form: " + problems);
        }
        return result;
    }

    @Override
    public <T> CompletableFuture<TypedElicitationResult<T>> elicitAsync(String message, Class<T> type) {
        return elicitAsync(message, type, peers.settings().elicitationTimeout());
    }

    @Override
    public <T> CompletableFuture<TypedElicitationResult<T>> elicitAsync(String message, Class<T> type,
            Duration timeout) {
        ElicitationRequest request = ElicitationRequest.form(message, peers.elicitationSchemas().schemaFor(type));
        return map(elicitAsync(request, timeout), result -> bind(result, type));
    }

    @Override
    public void notifyElicitationComplete(String elicitationId) {
        if (isModern()) { // 2026-07-28 has no such notification: the client learns the outcome by retrying
            return;
        }
        notify(McpMethods.NOTIFICATION_ELICITATION_COMPLETE, new ElicitationCompleteNotification(elicitationId));
    }

    @Override
    public CompletableFuture<Void> pingAsync() {
        return pingAsync(peers.settings().requestTimeout());
    }

    @Override
    public CompletableFuture<Void> pingAsync(Duration timeout) {
        if (isModern()) { // 2026-07-28 has no ping; the client is there, it is waiting for this request's answer
            return CompletableFuture.completedFuture(null);
        }
        return map(call(McpMethods.PING, null, JsonNode.class, timeout), result -> null);
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (keyedFrom != null) { // one request, one sequence of progress values
            keyedFrom.progress(progress, total, message);
            return;
        }
        if (rounds != null) {
            rounds.progress(progress, total, message);
        }
        if (progressToken == null) {
            return;
        }
        synchronized (progressLock) { // the spec wants each notification's value above the last one's
            if (!(progress > lastProgress)) { // NaN included
                if (logger.isDebugEnabled()) {
                    logger.debug("Progress " + progress + " not sent: it does not increase on " + lastProgress);
                }
                return;
            }
            lastProgress = progress;
            notify(McpMethods.NOTIFICATION_PROGRESS,
                    new ProgressNotification(progressToken, progress, total, message));
        }
    }

    @Override
    public void log(LoggingLevel level, String logger, Object data) {
        LoggingLevel minimum = session.logLevel(); // null: a modern request that asked for no log messages
        if (minimum != null && level.isAtLeast(minimum)) {
            notify(McpMethods.NOTIFICATION_MESSAGE, new LoggingMessageNotification(level, logger, data));
        }
    }

    @Override
    public synchronized RequestState requestState() {
        if (rounds != null) {
            return rounds.values();
        }
        if (keyedFrom != null) {
            return keyedFrom.requestState();
        }
        if (requestState == null) {
            requestState = InputRounds.singleRound(peers.codec());
        }
        return requestState;
    }

    /** Where this handle's calls to the client go instead of requests in the session, or {@code null}. */
    @Nullable InputChannel inputChannel() {
        return rounds;
    }

    @Override
    public boolean isCancelled() {
        return cancellation != null && cancellation.isCancelled();
    }

    @Override
    public void onCancel(Runnable callback) {
        if (cancellation != null) {
            cancellation.onCancel(callback);
        }
    }

    private <T> CompletableFuture<T> call(String method, Object params, Class<T> resultType, Duration timeout) {
        if (cancellation != null && cancellation.isCancelled()) { // the handler goes on, but asks nothing more
            return CompletableFuture.failedFuture(cancellation.cancelled());
        }
        if (rounds != null) {
            CompletableFuture<T> answer = rounds.call(inputKey, method, params, resultType, timeout);
            return cancellation == null || answer.isDone() ? answer : cancellation.track(answer);
        }
        if (isModern()) {
            return CompletableFuture.failedFuture(new McpPeerException("Cannot send " + method + " to the client "
                    + "here: in protocol " + session.protocolVersion() + " only tools/call, prompts/get and "
                    + "resources/read may ask the client for input"));
        }
        CompletableFuture<T> answer = peers.sender().send(session, stream, method, params, resultType, timeout,
                transport);
        return cancellation == null ? answer : cancellation.track(answer);
    }

    /**
     * The call's result converted by {@code mapping}. Ending the converted future early (cancelling it, an
     * interrupted {@link PeerHandle#await}) ends the call itself, which withdraws the request from the client,
     * as it does for the calls returned unconverted.
     */
    private static <S, T> CompletableFuture<T> map(CompletableFuture<S> call,
            Function<? super S, ? extends T> mapping) {
        CompletableFuture<T> mapped = call.thenApply(mapping);
        mapped.whenComplete((value, error) -> {
            if (error != null && !call.isDone()) {
                call.completeExceptionally(error);
            }
        });
        return mapped;
    }

    /**
     * Sends a notification, fire-and-forget: one that cannot be sent because the session store is unreachable is
     * dropped with a log line rather than thrown into the handler, which did nothing wrong.
     */
    private void notify(String method, Object params) {
        JsonRpcMessage notification = new JsonRpcMessage.Notification(method, peers.codec().serialized(params));
        try {
            if (stream != null) {
                stream.send(notification);
            }
            else if (session.id() != null) {
                peers.sessions().sendToSession(session.id(), notification);
            }
        }
        catch (SessionStoreUnavailableException ex) {
            logger.warn("MCP session " + session.id() + ": " + method + " dropped: " + ex.getMessage());
        }
    }

    private <T> TypedElicitationResult<T> bind(ElicitationResult result, Class<T> type) {
        if (!result.isAccepted() || result.content() == null) {
            return new TypedElicitationResult<>(result.action(), null);
        }
        try {
            JsonNode answer = peers.codec().toTree(result.content());
            return new TypedElicitationResult<>(result.action(), peers.codec().mapper().treeToValue(answer, type));
        }
        catch (JacksonException ex) {
            throw new McpPeerException("The user's answer does not fit " + type.getSimpleName() + ": "
                    + JsonBindingMessages.describe("content", ex, peers.codec().mapper()));
        }
    }

    /**
     * Whether this is the per-request session of stateless mode, where no answer can reach the server: then that
     * is the failure, rather than the missing capabilities that such a session never has.
     */
    private boolean isStateless() {
        return session.id() == null && !isModern();
    }

    /** Whether this handle serves a request of a modern (stateless, 2026-07-28 on) client. */
    private boolean isModern() {
        return ProtocolVersion.isModern(session.protocolVersion());
    }

    private static <T> CompletableFuture<T> refuse(String capability, String method) {
        return CompletableFuture.failedFuture(new McpClientCapabilityException(capability, method));
    }

    /**
     * What every handle shares: the sender, the codec, the session manager, the schema generator and the default
     * time-outs.
     */
    record PeerContext(ClientRequestSender sender, JsonRpcCodec codec, SessionManager sessions,
            ElicitationSchemaGenerator elicitationSchemas, PeerSettings settings) {
    }
}
