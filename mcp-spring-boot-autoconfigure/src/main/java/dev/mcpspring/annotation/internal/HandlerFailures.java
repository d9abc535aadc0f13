package dev.mcpspring.annotation.internal;

import java.util.Map;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.internal.CallerMessages;
import dev.mcpspring.server.InputRequiredException;
import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.McpRequestCancelledException;
import org.apache.commons.logging.Log;

/**
 * Turns what a resource or prompt method threw into the protocol error the client gets: an {@link McpException}
 * as thrown; a call to the client it did not declare the capability for as -32021; a cancellation while the
 * method waited on the client as -32800; an {@link IllegalArgumentException} the application threw with a message
 * of its own (see {@link CallerMessages}) as -32602 with that message; anything else as a JSON-RPC internal
 * error (-32603) whose message says what failed in words, never the exception's class, message or stack trace,
 * which go to the server's log. Tool and completion methods answer their failures otherwise, but share
 * {@link #unwrap(Throwable)}, which rethrows what none of them answers itself.
 */
final class HandlerFailures {

    private HandlerFailures() {
    }

    /**
     * The error to throw for a failure of an annotated method.
     *
     * @param thrown what the method threw (wrappers of reflection and proxies are removed)
     * @param what   what was being done, completing "Internal error while ...": {@code reading resource 'x'}
     * @param data   the error's {@code data}, or {@code null}
     * @param source the method, for the log
     * @param logger where the failure is logged
     * @throws McpException when the method threw one, as thrown
     * @throws Error         when the method threw one
     */
    static McpException toProtocolError(Throwable thrown, String what, Map<String, Object> data, String source,
            Log logger) {
        Throwable failure = unwrap(thrown);
        if (failure instanceof McpClientCapabilityException missing) {
            return missing.toProtocolError();
        }
        if (failure instanceof McpRequestCancelledException cancelled) {
            if (logger.isDebugEnabled()) {
                logger.debug("Stopped " + what + " (" + source + "): " + cancelled.getMessage());
            }
            return new McpException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: " + cancelled.getMessage(),
                    data);
        }
        if (failure.getClass() == IllegalArgumentException.class && CallerMessages.isMeantForCaller(failure)) {
            // the application refused the request's values in words of its own, as a tool may
            if (logger.isDebugEnabled()) {
                logger.debug("Refused " + what + " (" + source + "): " + failure.getMessage());
            }
            return new McpException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + failure.getMessage(), data);
        }
        logger.error("Failed " + what + ": " + source + " threw an exception", failure);
        return new McpException(ErrorCodes.INTERNAL_ERROR, "Internal error while " + what, data);
    }

    /**
     * The error to throw when what an annotated method returned cannot be mapped to a result: logged with the
     * cause, answered as a JSON-RPC internal error (-32603) in the same words as a failure of the method.
     *
     * @param cause  why the value cannot be sent
     * @param what   what was being done, completing "Internal error while ...": {@code reading resource 'x'}
     * @param data   the error's {@code data}, or {@code null}
     * @param source the method, for the log
     * @param logger where the failure is logged
     */
    static McpException unsendable(RuntimeException cause, String what, Map<String, Object> data, String source,
            Log logger) {
        logger.error("Failed " + what + ": the value that " + source + " returned cannot be sent", cause);
        return new McpException(ErrorCodes.INTERNAL_ERROR, "Internal error while " + what, data);
    }

    /**
     * What an annotated method threw, with the wrappers of reflection and proxies removed, when it is a failure
     * for the caller to answer. What is no such failure is rethrown as is: an {@link McpException} (the method's
     * own protocol error), an {@link InputRequiredException} (a modern request's attempt ends with questions to
     * the client) and an {@link Error}. An {@link InterruptedException} restores the thread's interrupt flag, which
     * throwing it cleared.
     *
     * @throws McpException           when the method threw one
     * @throws InputRequiredException when the method threw one
     * @throws Error                  when the method threw one
     */
    static Throwable unwrap(Throwable thrown) {
        Throwable failure = BeanMethod.unwrap(thrown);
        if (failure instanceof McpException protocolError) {
            throw protocolError;
        }
        if (failure instanceof InputRequiredException inputRequired) {
            throw inputRequired;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }
}
