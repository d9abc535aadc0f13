package dev.mcpspring.transport.stdio.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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
import dev.mcpspring.session.SessionLimitExceededException;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.internal.SessionState;
import dev.mcpspring.transport.stdio.StdioStreams;
import dev.mcpspring.transport.stdio.StdioTransport;
import tools.jackson.databind.JsonNode;

/**
 * The {@link StdioTransport}: one thread reads the input line by line and hands each request to the handler
 * executor, so tool calls run concurrently while the client's answers to the server's own requests, and its
 * cancellations, are taken in at once.
 * <p>
 * Both protocol eras share the pipe, told apart per message as over HTTP. A legacy client's {@code initialize}
 * starts the one session of the process, through the {@link SessionManager} like any other (kept from expiring
 * while the pipe is open); its server-to-client requests, progress and logs go to the output, and its answers come
 * back through {@link SessionManager#deliverResponse}. A modern (2026-07-28) request is served without a session;
 * since stdio has no response stream to close, its {@code notifications/cancelled} is what cancels it.
 */
public class DefaultStdioTransport implements StdioTransport {

    /**
     * Stops before the graceful shutdown ({@code McpGracefulShutdown}): no more input is taken in while the
     * requests being handled finish; their answers still go out.
     */
    public static final int PHASE = DEFAULT_PHASE - 256;

    private static final Log logger = LogFactory.getLog(DefaultStdioTransport.class);

    private final McpServer server;

    private final SessionManager sessions;

    private final JsonRpcCodec codec;

    private final Executor executor;

    private final long maxLineBytes;

    private final StdioStreams streams;

    private final Runnable onDisconnected;

    private final StdioOutput output;

    /** The modern requests being handled, by id: a {@code notifications/cancelled} names one of them. */
    private final Map<JsonNode, StdioSink> modernInFlight = new ConcurrentHashMap<>();

    private final Object sessionLock = new Object();

    private volatile @Nullable McpSession session;

    private SessionManager.@Nullable Activity sessionActivity;

    private @Nullable StdioSink sessionStream;

    private SessionManager.@Nullable Activity sessionStreamRegistration;

    private volatile boolean running;

    private volatile boolean inputEnded;

    private boolean closing;

    /**
     * @param executor       where requests are handled (decorated as the application wants)
     * @param maxLineBytes   the longest message read; a longer line is refused as it arrives, never held whole
     * @param onDisconnected run once when the client is gone (end of input, or the output failed): it closes the
     *                       application, so that the process exits
     */
    public DefaultStdioTransport(McpServer server, SessionManager sessions, JsonRpcCodec codec, Executor executor,
            long maxLineBytes, StdioStreams streams, Runnable onDisconnected) {
        this.server = server;
        this.sessions = sessions;
        this.codec = codec;
        this.executor = executor;
        this.maxLineBytes = maxLineBytes;
        this.streams = streams;
        this.onDisconnected = onDisconnected;
        this.output = new StdioOutput(streams.output(), codec, this::outputFailed);
    }

    @Override
    public void start() {
        running = true;
        Thread reader = new Thread(this::read, "mcp-stdio-reader");
        reader.setDaemon(true); // what keeps the JVM alive is the application (spring.main.keep-alive), not the pipe
        reader.start();
    }

    @Override
    public void stop() {
        running = false; // the reader may be blocked in a read: it ends with the process
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isConnected() {
        return !inputEnded && output.isOpen();
    }

    private void read() {
        LineReader lines = new LineReader(streams.input(), maxLineBytes);
        try {
            for (LineReader.Line line = lines.next(); line != null && running; line = lines.next()) {
                if (line.tooLong()) {
                    output.write(new JsonRpcMessage.ErrorResponse(null, new JsonRpcError(ErrorCodes.INVALID_REQUEST,
                            "Invalid Request: a message of " + line.length() + " bytes exceeds the limit of "
                                    + maxLineBytes + " bytes (mcp.server.transport.max-body-size); it was skipped")));
                }
                else if (!isBlank(line.bytes())) {
                    receiveSafely(line.bytes());
                }
            }
        }
        catch (IOException ex) {
            logger.warn("MCP stdio: reading the input failed: " + ex.getMessage());
        }
        catch (RuntimeException | Error ex) { // never expected: the reader must not end without a word
            logger.error("MCP stdio: the reader failed", ex);
        }
        inputEnded = true;
        if (running) {
            // the client wants the server to exit: the application closes, and its graceful shutdown lets the
            // requests being handled answer (the client may still read) and withdraws the server's own requests
            logger.info("MCP stdio: the input ended; shutting down");
            closeApplication();
        }
    }

    /** One message that cannot be handled (a bug, a session store gone) must not end the connection. */
    private void receiveSafely(byte[] line) {
        try {
            receive(line);
        }
        catch (RuntimeException ex) {
            logger.error("MCP stdio: a message could not be handled", ex);
            output.write(new JsonRpcMessage.ErrorResponse(null, new JsonRpcError(ErrorCodes.INTERNAL_ERROR,
                    "Internal error: the message could not be handled; the server carries on")));
        }
    }

    private void receive(byte[] line) {
        try {
            JsonNode tree = codec.readTree(line);
            JsonRpcCodec.Batch messages = codec.read(tree);
            if (JsonRpcCodec.isBatch(tree)) {
                receiveBatch(messages);
            }
            else {
                receive(messages.messages().get(0));
                messages.refused().forEach(output::write); // an invalid answer to one of the server's requests
            }
        }
        catch (InvalidMessageException ex) {
            output.write(new JsonRpcMessage.ErrorResponse(ex.id(), ex.toError()));
        }
    }

    private void receive(JsonRpcMessage message) {
        if (message instanceof JsonRpcMessage.Request request) {
            if (ModernRequest.isModern(request)) {
                modern(request);
            }
            else {
                legacy(request);
            }
        }
        else if (message instanceof JsonRpcMessage.Notification notification) {
            notification(notification);
        }
        else {
            response(message);
        }
    }

    /**
     * A JSON-RPC batch: only in a session of 2025-03-26, the one revision that has them, and never with
     * {@code initialize}; the responses, with the errors of the members that are no messages, go out as one line.
     */
    private void receiveBatch(JsonRpcCodec.Batch batch) {
        List<JsonRpcMessage> messages = batch.messages();
        McpSession current = session;
        String version = current != null && current.isInitialized() ? current.protocolVersion() : null;
        if (!ProtocolVersion.allowsBatches(version) || messages.stream().anyMatch(message ->
                message instanceof JsonRpcMessage.Request r && McpMethods.INITIALIZE.equals(r.method()))) {
            output.write(new JsonRpcMessage.ErrorResponse(null, new JsonRpcError(ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are only supported in an initialized session of protocol "
                            + "version " + ProtocolVersion.V2025_03_26 + ", and initialize is sent on its own")));
            return;
        }
        List<JsonRpcMessage.Request> requests = new ArrayList<>(messages.size());
        for (JsonRpcMessage message : messages) {
            if (message instanceof JsonRpcMessage.Request request) {
                requests.add(request);
            }
            else {
                receive(message);
            }
        }
        if (requests.isEmpty()) {
            if (!batch.refused().isEmpty()) {
                output.writeBatch(List.copyOf(batch.refused()));
            }
        }
        else {
            submit(requests.get(0).id(), () -> {
                List<JsonRpcMessage> responses = new ArrayList<>(requests.size() + batch.refused().size());
                responses.addAll(batch.refused());
                for (JsonRpcMessage.Request request : requests) {
                    JsonRpcMessage answer = handle(current, request);
                    if (answer != null) {
                        responses.add(answer);
                    }
                }
                if (!responses.isEmpty()) {
                    output.writeBatch(responses);
                }
            });
        }
    }

    /** A request of a legacy client, in the session of the process (started by the first of them). */
    private void legacy(JsonRpcMessage.Request request) {
        McpSession current;
        try {
            current = session();
        }
        catch (McpException ex) {
            output.write(new JsonRpcMessage.ErrorResponse(request.id(), ex.toError()));
            return;
        }
        if (McpMethods.INITIALIZE.equals(request.method())) {
            // handled before the next line is read: a client that writes its first requests without waiting for
            // the answer (a script piping a file in) finds the session initialized
            try (SessionManager.Activity accepted = server.beginWork()) {
                initialized(current, handle(current, request));
            }
            return;
        }
        submit(request.id(), () -> {
            JsonRpcMessage answer = handle(current, request);
            if (answer != null) { // null: the client cancelled the request, which gets no response
                output.write(answer);
            }
        });
    }

    private @Nullable JsonRpcMessage handle(McpSession current, JsonRpcMessage.Request request) {
        return server.handle(current, request, new StdioSink(output), null, TransportInfo.STDIO);
    }

    /** The session of the process, started on the first legacy request. */
    private McpSession session() {
        synchronized (sessionLock) {
            McpSession current = session;
            if (current != null) {
                return current;
            }
            if (server.isShuttingDown()) {
                throw new McpException(ErrorCodes.INTERNAL_ERROR,
                        "Service unavailable: " + McpServer.SHUTTING_DOWN + "; no new session is started");
            }
            try {
                current = sessions.create(null);
            }
            catch (SessionLimitExceededException ex) {
                throw new McpException(ErrorCodes.INTERNAL_ERROR, "Service unavailable: " + ex.getMessage());
            }
            sessionActivity = sessions.beginActivity(current.id()); // the pipe is the session: it never idles out
            session = current;
            return current;
        }
    }

    /**
     * Writes the answer to {@code initialize}; then the session's stream (notifications and requests outside any
     * request) opens on the output, or a refused handshake ends the session so that the client may try again.
     */
    private void initialized(McpSession initializing, @Nullable JsonRpcMessage answer) {
        synchronized (sessionLock) { // nothing of the session may overtake the answer
            if (answer != null) {
                output.write(answer);
            }
            if (session != initializing || sessionStream != null) {
                return; // an initialize repeated in a session that has one: answered as an error by the server
            }
            if (answer instanceof JsonRpcMessage.Response && initializing.isInitialized()) {
                StdioSink stream = new StdioSink(output);
                sessionStreamRegistration = sessions.openStandaloneStream(initializing.id(), stream);
                sessionStream = stream;
            }
            else {
                endSession();
            }
        }
    }

    private void endSession() {
        synchronized (sessionLock) {
            McpSession current = session;
            if (current == null) {
                return;
            }
            session = null;
            for (SessionManager.Activity activity : new SessionManager.Activity[] {sessionStreamRegistration,
                    sessionActivity}) {
                if (activity != null) {
                    activity.close();
                }
            }
            sessionStreamRegistration = null;
            sessionActivity = null;
            if (sessionStream != null) {
                sessionStream.close();
                sessionStream = null;
            }
            sessions.close(current.id());
        }
    }

    /**
     * A request of a modern (2026-07-28) client: checked, then handled without a session; a
     * {@code subscriptions/listen} keeps its view of the output until the client cancels it or the server ends.
     */
    private void modern(JsonRpcMessage.Request request) {
        ModernRequest modern;
        try {
            modern = server.modernRequest(request);
            if (server.isShuttingDown()) {
                throw new McpException(ErrorCodes.INTERNAL_ERROR,
                        "Service unavailable: " + McpServer.SHUTTING_DOWN + "; no new request is accepted");
            }
        }
        catch (McpException ex) {
            output.write(new JsonRpcMessage.ErrorResponse(request.id(), ex.toError()));
            return;
        }
        StdioSink sink = new StdioSink(output);
        if (modernInFlight.putIfAbsent(request.id(), sink) != null) {
            output.write(new JsonRpcMessage.ErrorResponse(request.id(), new JsonRpcError(ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: the id " + request.id() + " is already used by a request in progress")));
            return;
        }
        sink.onDisconnect(() -> modernInFlight.remove(request.id(), sink));
        if (McpMethods.SUBSCRIPTIONS_LISTEN.equals(modern.method())) {
            JsonRpcMessage refused = server.listen(modern, sink);
            if (refused != null) {
                modernInFlight.remove(request.id(), sink);
                output.write(refused);
            }
            return;
        }
        boolean submitted = submit(request.id(), () -> {
            try {
                JsonRpcMessage answer = server.handleModern(modern, sink, null, TransportInfo.STDIO);
                if (answer != null) {
                    sink.send(answer); // not once cancelled: then nothing more is sent for the request
                }
            }
            finally {
                modernInFlight.remove(request.id(), sink);
            }
        });
        if (!submitted) {
            modernInFlight.remove(request.id(), sink);
        }
    }

    private void notification(JsonRpcMessage.Notification notification) {
        if (McpMethods.NOTIFICATION_CANCELLED.equals(notification.method()) && notification.params() != null) {
            JsonNode requestId = notification.params().get("requestId");
            StdioSink cancelled = requestId == null ? null : modernInFlight.get(requestId);
            if (cancelled != null) { // over stdio this is how a modern request is cancelled
                cancelled.disconnect();
                return;
            }
        }
        McpSession current = session;
        if (current != null) {
            server.handleNotification(current, notification, TransportInfo.STDIO);
        }
        else { // a modern client's: observed, unused, as over HTTP
            server.handleNotification(SessionState.ofRequest(null, ModernRequest.versionOf(notification.params()),
                    null, null, null), notification, TransportInfo.STDIO);
        }
    }

    /** A client's answer to a request of the server (sampling, elicitation, roots, ping). */
    private void response(JsonRpcMessage response) {
        McpSession current = session;
        if (current == null || !sessions.deliverResponse(current.id(), response)) {
            logger.info("MCP stdio: ignoring a response that answers no pending request (it may have timed out): "
                    + response);
        }
    }

    /**
     * Runs {@code work} on the handler executor, counted as work a graceful shutdown waits for.
     *
     * @return {@code false} when the executor refused it (answered as an error to the request {@code id})
     */
    private boolean submit(JsonNode id, Runnable work) {
        SessionManager.Activity accepted = server.beginWork();
        try {
            executor.execute(() -> {
                try {
                    work.run();
                }
                finally {
                    accepted.close();
                }
            });
            return true;
        }
        catch (RejectedExecutionException ex) {
            accepted.close();
            output.write(new JsonRpcMessage.ErrorResponse(id, new JsonRpcError(ErrorCodes.INTERNAL_ERROR,
                    "Service unavailable: the server is too busy to handle this request now; retry shortly")));
            return false;
        }
    }

    /** The output failed: nothing reaches the client any more, so whatever runs for it is cancelled at once. */
    private void outputFailed() {
        List.copyOf(modernInFlight.values()).forEach(StdioSink::disconnect);
        endSession();
        closeApplication();
    }

    private void closeApplication() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        onDisconnected.run();
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
