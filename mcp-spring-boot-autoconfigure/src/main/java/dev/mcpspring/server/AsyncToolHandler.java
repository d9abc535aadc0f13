package dev.mcpspring.server;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.mcpspring.protocol.CallToolResult;

/**
 * Runs one tool that answers later: {@link #callAsync} starts the work and returns the result to come. For a call
 * that runs as a task ({@link ToolSpecification#taskSupport()}), what the handler does before it returns (asking the
 * client through the {@link PeerHandle}, for instance) happens within the {@code tools/call} request, and the
 * returned stage is the task: the client gets the task handle once the handler has returned, and polls for the
 * stage's result. Otherwise the request waits for the stage ({@link #call}).
 * <p>
 * {@code @McpTool} methods that return a {@code CompletionStage} or a Reactor {@code Mono} are such handlers.
 */
@FunctionalInterface
public interface AsyncToolHandler extends ToolHandler {

    /**
     * Starts the tool with the arguments of one {@code tools/call} request. The stage completes with the result, or
     * exceptionally with an {@link dev.mcpspring.protocol.McpException} to answer with a protocol error;
     * cancelling the request (or the task) cancels it.
     */
    CompletionStage<CallToolResult> callAsync(ToolInvocation invocation);

    /** Starts the tool and waits for its result; cancelling the request cancels the wait and the stage. */
    @Override
    default CallToolResult call(ToolInvocation invocation) {
        CompletableFuture<CallToolResult> result = callAsync(invocation).toCompletableFuture();
        invocation.context().peer().onCancel(() -> result.cancel(true));
        try {
            return result.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new McpRequestCancelledException("Interrupted while waiting for the tool's result");
        }
        catch (CancellationException ex) {
            throw new McpRequestCancelledException("The request was cancelled while its answer was being computed");
        }
        catch (ExecutionException | CompletionException ex) {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("The tool failed", cause);
        }
    }
}
