package dev.mcpspring.session;

/** The session already has an open standalone SSE stream; only one may be open at a time. */
public class StreamConflictException extends RuntimeException {

    public StreamConflictException(String sessionId) {
        super("Session " + sessionId + " already has an open SSE stream (GET); close it before opening another",
                null, false, false);
    }
}
