package dev.mcpspring.session;

/** No new session can be created because the configured maximum number of sessions is live. */
public class SessionLimitExceededException extends RuntimeException {

    public SessionLimitExceededException(int limit) {
        super("The server has reached its limit of " + limit
                + " concurrent MCP sessions; retry later or close unused sessions with DELETE", null, false, false);
    }
}
