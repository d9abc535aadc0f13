package dev.mcpspring.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;

/**
 * Talks back to the client: asks its model (sampling), its user (elicitation), its roots, pings it, and reports
 * progress and log messages. A {@code @McpTool} method receives one bound to its request by declaring a parameter
 * of this type; {@link McpPeers} gives one bound to a session for work outside any request.
 * <p>
 * Messages sent through a request's handle travel on that request's response stream (which turns into an SSE
 * stream at the first one); a session's handle uses the session's GET stream, queueing until one is open.
 * <p>
 * Every call to the client has a blocking form, a {@link CompletableFuture} twin, and an overload with its own
 * time-out. A call the client has not declared the capability for fails with {@link McpClientCapabilityException}
 * and sends nothing; a time-out fails with {@link McpPeerTimeoutException} after cancelling the request on the
 * client; an error answer fails with {@link McpPeerErrorException}; cancellation of the request being handled
 * ends every wait with {@link McpRequestCancelledException}. All of them are {@link McpPeerException}s.
 * <p>
 * <b>Modern clients (2026-07-28).</b> That revision has no server-to-client requests: a request that needs the
 * client's input ends with an {@code InputRequiredResult} listing its questions, and the client sends the request
 * again with the answers (multi round-trip requests). The same calls work unchanged: the first call whose answer is
 * not in the request ends the handler's attempt by throwing {@link InputRequiredException} (with every question
 * already asked through the {@code ...Async} twins in the same round), and the handler runs again, from the start,
 * when the answers arrive; calls that were answered then return at once. So <b>work a handler does before a call
 * to the client runs again on every round and must be idempotent</b>; keep its results in {@link #requestState()}
 * instead of redoing it. Only {@code tools/call}, {@code prompts/get} and {@code resources/read} may ask the client;
 * time-outs do not apply (the client answers in its own time); {@link #ping()} returns at once (the client is
 * waiting for this very request); {@link #notifyElicitationComplete} does nothing; progress and log messages go on
 * the request's response stream, log messages only when the request asked for them with a log level.
 */
public interface PeerHandle {

    /**
     * What the client can be asked, from the capabilities it declared (for a modern client, in this request):
     * check it to choose a path instead of catching {@link McpClientCapabilityException}.
     */
    ClientSupport clientSupport();

    // ---------------------------------------------------------------- sampling

    /** Asks the client's model for a completion ({@code sampling/createMessage}), with the default time-out. */
    default SamplingResult sample(SamplingRequest request) {
        return await(sampleAsync(request));
    }

    /** Asks the client's model for a completion, waiting at most {@code timeout}. */
    default SamplingResult sample(SamplingRequest request, Duration timeout) {
        return await(sampleAsync(request, timeout));
    }

    /** Asks the client's model for a completion without blocking, with the default time-out. */
    CompletableFuture<SamplingResult> sampleAsync(SamplingRequest request);

    /** Asks the client's model for a completion without blocking, with its own time-out. */
    CompletableFuture<SamplingResult> sampleAsync(SamplingRequest request, Duration timeout);

    /** The common case: one user message in, the text of the answer out. */
    default String sampleText(String prompt, int maxTokens) {
        return sample(SamplingRequest.ofUserText(prompt, maxTokens)).text();
    }

    // ---------------------------------------------------------------- roots

    /** The client's roots ({@code roots/list}), with the default time-out. */
    default List<Root> listRoots() {
        return await(listRootsAsync());
    }

    /** The client's roots, waiting at most {@code timeout}. */
    default List<Root> listRoots(Duration timeout) {
        return await(listRootsAsync(timeout));
    }

    /** The client's roots without blocking, with the default time-out. */
    CompletableFuture<List<Root>> listRootsAsync();

    /** The client's roots without blocking, with its own time-out. */
    CompletableFuture<List<Root>> listRootsAsync(Duration timeout);

    // ---------------------------------------------------------------- elicitation

    /** Asks the user for input ({@code elicitation/create}, form or URL mode), with the default time-out. */
    default ElicitationResult elicit(ElicitationRequest request) {
        return await(elicitAsync(request));
    }

    /** Asks the user for input, waiting at most {@code timeout}. */
    default ElicitationResult elicit(ElicitationRequest request, Duration timeout) {
        return await(elicitAsync(request, timeout));
    }

    /** Asks the user for input without blocking, with the default time-out. */
    CompletableFuture<ElicitationResult> elicitAsync(ElicitationRequest request);

    /** Asks the user for input without blocking, with its own time-out. */
    CompletableFuture<ElicitationResult> elicitAsync(ElicitationRequest request, Duration timeout);

    /**
     * Asks the user to fill in a form whose schema is derived from {@code type} (a record or bean of primitive
     * properties, enums and lists of enums), and binds an accepted answer to it.
     */
    default <T> TypedElicitationResult<T> elicit(String message, Class<T> type) {
        return await(elicitAsync(message, type));
    }

    /** The typed form of {@link #elicit(String, Class)}, waiting at most {@code timeout}. */
    default <T> TypedElicitationResult<T> elicit(String message, Class<T> type, Duration timeout) {
        return await(elicitAsync(message, type, timeout));
    }

    /** The typed form without blocking, with the default time-out. */
    <T> CompletableFuture<TypedElicitationResult<T>> elicitAsync(String message, Class<T> type);

    /** The typed form without blocking, with its own time-out. */
    <T> CompletableFuture<TypedElicitationResult<T>> elicitAsync(String message, Class<T> type, Duration timeout);

    /**
     * Sends the user to {@code url} (URL-mode elicitation, 2025-11-25) and returns whether they agreed to go;
     * call {@link #notifyElicitationComplete(String)} when the interaction there has ended.
     */
    default ElicitationResult elicitUrl(String message, String url, String elicitationId) {
        return elicit(ElicitationRequest.url(message, url, elicitationId));
    }

    /** Tells the client that the URL-mode elicitation {@code elicitationId} has ended. */
    void notifyElicitationComplete(String elicitationId);

    // ---------------------------------------------------------------- ping

    /** Checks that the client answers ({@code ping}), with the default time-out. */
    default void ping() {
        await(pingAsync());
    }

    /** Checks that the client answers within {@code timeout}. */
    default void ping(Duration timeout) {
        await(pingAsync(timeout));
    }

    /** Pings the client without blocking, with the default time-out. */
    CompletableFuture<Void> pingAsync();

    /** Pings the client without blocking, with its own time-out. */
    CompletableFuture<Void> pingAsync(Duration timeout);

    // ---------------------------------------------------------------- notifications

    /**
     * Reports progress with {@code notifications/progress}; does nothing when the client sent no progress token.
     * A value that is not above the last one sent for the request is not sent, as the spec wants every
     * notification's value to increase.
     *
     * @param progress progress so far, increasing with every call
     * @param total    the total when known, else {@code null}
     * @param message  what is happening now, or {@code null}
     */
    void progress(double progress, @Nullable Double total, @Nullable String message);

    /**
     * Reports progress out of a known total, such as {@code progress(3, 10, "3 of 10 files")}; see
     * {@link #progress(double, Double, String)}.
     */
    default void progress(double progress, double total, @Nullable String message) {
        progress(progress, Double.valueOf(total), message);
    }

    /**
     * Sends a log message ({@code notifications/message}) when {@code level} is at or above the level the
     * client set with {@code logging/setLevel}.
     *
     * @param level  severity
     * @param logger name of the logger, or {@code null}
     * @param data   any value that serialises to JSON
     */
    void log(LoggingLevel level, @Nullable String logger, Object data);

    /** {@link #log(LoggingLevel, String, Object)} without a logger name. */
    default void log(LoggingLevel level, Object data) {
        log(level, null, data);
    }

    // ---------------------------------------------------------------- multi round-trip requests

    /**
     * A handle whose calls to the client are identified by {@code inputKey}: the key of their input request when
     * a modern (2026-07-28) request ends with an {@code InputRequiredResult} ({@code inputKey}, then
     * {@code inputKey-2}, ... for further calls through it). Without it a call's key is its kind and count, such as
     * {@code sampling-1}. Keys matter to clients that show or log them; in a legacy session they are not used.
     */
    PeerHandle withInputKey(String inputKey);

    /**
     * Values this handler carries from one round of a multi round-trip request to the next (2026-07-28), so that
     * work before a question to the client is not repeated when the handler runs again with the answer.
     */
    RequestState requestState();

    // ---------------------------------------------------------------- cancellation

    /** Whether the client cancelled the request being handled (always {@code false} for a session's handle). */
    boolean isCancelled();

    /** Runs {@code callback} when the request being handled is cancelled (at once if it already is). */
    void onCancel(Runnable callback);

    /**
     * Waits for a call to the client, rethrowing its failure as the {@link McpPeerException} it is. An
     * interrupted wait ends with {@link McpRequestCancelledException} and the thread stays interrupted.
     */
    static <T extends @Nullable Object> T await(CompletableFuture<T> call) {
        try {
            return call.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            McpRequestCancelledException cancelled = new McpRequestCancelledException(
                    "Interrupted while waiting for the client");
            call.completeExceptionally(cancelled);
            throw cancelled;
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new McpPeerException("The call to the client failed", ex.getCause());
        }
        catch (CancellationException ex) {
            throw new McpRequestCancelledException("The call to the client was cancelled");
        }
    }
}
