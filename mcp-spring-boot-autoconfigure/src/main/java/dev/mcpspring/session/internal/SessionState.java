package dev.mcpspring.session.internal;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.session.McpSession;

/**
 * A plain {@link McpSession} holding its state in fields; the in-memory manager's sessions and the per-request
 * sessions of stateless mode are both made of it.
 * <p>
 * What {@code initialize} recorded is kept as instances shared with the other sessions that declared the same
 * (see {@link SharedClientValues}), so an idle session costs little more than its id.
 */
public class SessionState implements McpSession {

    private final String id;

    private final String principal;

    private volatile String protocolVersion;

    private volatile Implementation clientInfo;

    private volatile ClientCapabilities clientCapabilities = ClientCapabilities.NONE;

    private volatile LoggingLevel logLevel = LoggingLevel.DEBUG;

    public SessionState(String id, String principal) {
        this.id = id;
        this.principal = principal;
    }

    /**
     * The client of one request of a modern (2026-07-28) client, which has no session: what the request's
     * {@code _meta} says, kept as given (nothing outlives the request, so nothing is shared).
     *
     * @param logLevel the level the request asked for, {@code null} for no log messages
     */
    public static SessionState ofRequest(String principal, String protocolVersion, Implementation clientInfo,
            ClientCapabilities capabilities, LoggingLevel logLevel) {
        SessionState client = new SessionState(null, principal);
        client.clientInfo = clientInfo;
        client.clientCapabilities = capabilities == null ? ClientCapabilities.NONE : capabilities;
        client.protocolVersion = protocolVersion;
        client.logLevel = logLevel;
        return client;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String principal() {
        return principal;
    }

    @Override
    public String protocolVersion() {
        return protocolVersion;
    }

    @Override
    public Implementation clientInfo() {
        return clientInfo;
    }

    @Override
    public ClientCapabilities clientCapabilities() {
        return clientCapabilities;
    }

    @Override
    public boolean isInitialized() {
        return protocolVersion != null;
    }

    @Override
    public void initialize(String protocolVersion, Implementation clientInfo, ClientCapabilities capabilities) {
        this.clientInfo = SharedClientValues.share(clientInfo);
        this.clientCapabilities = capabilities == null ? ClientCapabilities.NONE
                : SharedClientValues.share(capabilities);
        this.protocolVersion = ProtocolVersion.canonical(protocolVersion);
    }

    @Override
    public LoggingLevel logLevel() {
        return logLevel;
    }

    @Override
    public void logLevel(LoggingLevel level) {
        this.logLevel = level;
    }
}
