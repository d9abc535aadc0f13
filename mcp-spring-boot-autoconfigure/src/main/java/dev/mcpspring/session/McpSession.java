package dev.mcpspring.session;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.LoggingLevel;

/**
 * The state one MCP client shares with this server across requests: what was negotiated in {@code initialize}
 * and the client's logging level. Kept small on purpose; where it lives is up to the {@link SessionManager}.
 */
public interface McpSession {

    /** The {@code Mcp-Session-Id}, or {@code null} for the per-request session of stateless mode. */
    @Nullable String id();

    /** The principal name the session was created for, or {@code null} when anonymous. */
    @Nullable String principal();

    /** The negotiated protocol revision; {@code null} before {@code initialize}. */
    @Nullable String protocolVersion();

    /** The client's name and version from {@code initialize}, or {@code null}. */
    @Nullable Implementation clientInfo();

    /**
     * What the client declared it can do; never {@code null}. Read-only: sessions that declared equal capabilities
     * may share one instance.
     */
    ClientCapabilities clientCapabilities();

    /** Whether {@code initialize} has been answered, so other requests may follow. */
    boolean isInitialized();

    /** Records the outcome of {@code initialize}. */
    void initialize(String protocolVersion, @Nullable Implementation clientInfo, ClientCapabilities capabilities);

    /** The minimum level of log messages the client wants ({@code logging/setLevel}). */
    LoggingLevel logLevel();

    /** Sets the minimum level of log messages sent to the client. */
    void logLevel(LoggingLevel level);
}
