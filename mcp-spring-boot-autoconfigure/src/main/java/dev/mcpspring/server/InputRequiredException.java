package dev.mcpspring.server;

/**
 * Ends the current attempt of a handler in a modern (2026-07-28) request: a {@link PeerHandle} call asked the
 * client for something whose answer is not in the request yet. The server answers with an
 * {@code InputRequiredResult} that carries every question the handler asked; the client answers them and sends
 * the request again, and the handler runs again from the start, getting the answers at once this time.
 * <p>
 * Let it pass: a handler that catches it (say with {@code catch (RuntimeException e)}) only delays the end of the
 * attempt, since the server answers with the questions whatever the handler returns afterwards.
 */
public final class InputRequiredException extends RuntimeException {

    /**
     * @param method the request to the client whose answer is not in the request yet
     */
    public InputRequiredException(String method) {
        super("The client has not answered " + method + " yet; the request ends with an input_required result and "
                + "runs again when the client sends the answers", null, false, false);
    }
}
