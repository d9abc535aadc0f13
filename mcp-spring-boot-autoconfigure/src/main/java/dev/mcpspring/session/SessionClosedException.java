package dev.mcpspring.session;

/** The session was closed (by the client, by expiry or by shutdown) or never existed. */
public class SessionClosedException extends RuntimeException {

    public SessionClosedException(String sessionId) {
        super("MCP session " + sessionId + " is closed or does not exist", null, false, false);
    }
}
