package dev.mcpspring.session.redis;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.session.internal.SessionState;

/**
 * A session kept in Redis, as this instance sees it: a {@link SessionState} loaded from the session's hash, whose
 * changes ({@code initialize}, the log level) are written back to Redis and announced to the other instances.
 */
final class RedisSession extends SessionState {

    static final String PRINCIPAL = "principal";

    static final String VERSION = "version";

    static final String CLIENT_INFO = "clientInfo";

    static final String CAPABILITIES = "capabilities";

    static final String LOG_LEVEL = "logLevel";

    /** Writes a session's fields to Redis and tells the other instances. */
    interface Writer {

        void write(RedisSession session, Map<String, String> fields);
    }

    private final Writer writer;

    private final SessionValues values;

    RedisSession(String id, @Nullable String principal, Writer writer, SessionValues values) {
        super(id, principal);
        this.writer = writer;
        this.values = values;
    }

    @Override
    public void initialize(String protocolVersion, @Nullable Implementation clientInfo,
            ClientCapabilities capabilities) {
        writer.write(this, values.initialized(protocolVersion, clientInfo, capabilities));
        super.initialize(protocolVersion, clientInfo, capabilities);
    }

    @Override
    public void logLevel(LoggingLevel level) {
        writer.write(this, Map.of(LOG_LEVEL, level.name()));
        super.logLevel(level);
    }

    /** Takes the state another instance wrote (read from the session's hash). */
    void load(Map<String, String> fields) {
        String version = fields.get(VERSION);
        if (version != null) {
            super.initialize(version, values.clientInfo(fields.get(CLIENT_INFO)),
                    values.capabilities(fields.get(CAPABILITIES)));
        }
        String level = fields.get(LOG_LEVEL);
        if (level != null) {
            super.logLevel(LoggingLevel.valueOf(level));
        }
    }
}
