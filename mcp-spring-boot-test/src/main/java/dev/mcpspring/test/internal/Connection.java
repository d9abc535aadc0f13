package dev.mcpspring.test.internal;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/** The test client's way of talking to the server in one protocol era. */
public interface Connection extends AutoCloseable {

    /**
     * Sends a request and waits for its response, answering what the server asks meanwhile.
     *
     * @param method the method
     * @param params the params (the connection adds its {@code _meta})
     */
    Outcome request(String method, ObjectNode params);

    /**
     * Opens the stream on which the server sends what belongs to no request (list changes, resource updates); its
     * notifications are recorded until it is closed.
     */
    AutoCloseable listen();

    /** The protocol version in use: negotiated by {@code initialize}, or the one every request names. */
    String protocolVersion();

    /** The session id, {@code null} before the first request and in the stateless era. */
    @Nullable String sessionId();

    /** Ends the session, if there is one, and closes the open streams. */
    @Override
    void close();
}
