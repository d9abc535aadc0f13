package dev.mcpspring.annotation.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.server.AsyncToolHandler;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.ToolInvocation;

/**
 * A {@code @McpTool} method that answers later (it returns a {@code CompletionStage} or a {@code Mono}): besides
 * {@link #call}, which waits for the value, {@link #callAsync} returns the result to come without waiting, so that
 * a call running as a task is answered with the task handle once the method has returned.
 */
final class AsyncToolMethodInvoker extends ToolMethodInvoker implements AsyncToolHandler {

    AsyncToolMethodInvoker(String toolName, BeanMethod method, ParameterBinder[] binders, String[] argumentNames,
            Set<String> knownArguments, ArgumentValidation validation, ArgumentValidation.MethodValidator validator,
            ResultMapper results) {
        // it waits for its future, which may need the client or another thread
        super(toolName, method, binders, argumentNames, knownArguments, validation, validator, results, false);
    }

    @Override
    public CallToolResult call(ToolInvocation invocation) {
        return super.call(invocation);
    }

    /**
     * Calls the method and maps its future's value when it completes. A failure of the method itself (before it
     * returned its future) that is a protocol error, or a question to a 2026-07-28 client, is thrown as it would be
     * by {@link #call}; a failure of the future becomes an error result, or completes the stage exceptionally when it
     * is a protocol error.
     */
    @Override
    public CompletionStage<CallToolResult> callAsync(ToolInvocation invocation) {
        Object[] args = new Object[argumentCount()];
        CallToolResult invalid = bind(invocation, args);
        if (invalid != null) {
            return CompletableFuture.completedFuture(invalid);
        }
        Object returned;
        try {
            returned = method().invoke(method().target(), args);
        }
        catch (InvocationTargetException ex) {
            return CompletableFuture.completedFuture(failed(ex.getTargetException(), invocation));
        }
        CompletableFuture<?> future = AsyncResults.toFuture(returned);
        if (future == null) { // a null future: no value
            return CompletableFuture.completedFuture(map(returned));
        }
        PeerHandle peer = invocation.context() == null ? null : invocation.context().peer();
        if (peer != null) {
            peer.onCancel(() -> future.cancel(true));
        }
        return future.handle((value, error) -> error == null ? map(value) : failed(cause(error), invocation));
    }

    private static Throwable cause(Throwable error) {
        if (error instanceof CancellationException) {
            return new McpRequestCancelledException("The call was cancelled while its answer was being computed");
        }
        if ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            return cause(error.getCause());
        }
        return error;
    }
}
