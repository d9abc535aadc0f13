package dev.mcpspring.session;

/**
 * The store that sessions are kept in cannot be reached (a shared store such as Redis is down or too slow): the
 * request cannot be served now, but may be later. Nothing was changed.
 */
public class SessionStoreUnavailableException extends RuntimeException {

    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
