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
 * Every change also counts up the hash's {@link #GENERATION}, which each request's registration reads: an instance
 * whose copy is older loads the hash again before the request runs, so a change answered on one instance holds for
 * the next request on any other even before the announcement reaches it.
 */
final class RedisSession extends SessionState {

    static final String PRINCIPAL = "principal";

    static final String VERSION = "version";

    static final String CLIENT_INFO = "clientInfo";

    static final String CAPABILITIES = "capabilities";

    static final String LOG_LEVEL = "logLevel";

    static final String GENERATION = "generation";

    /** Writes a session's fields to Redis and tells the other instances. */
    interface Writer {

        /** Returns the generation of the state the write made. */
        long write(RedisSession session, Map<String, String> fields);
    }

    private final Writer writer;

    private final SessionValues values;

    /** The generation of the state this copy holds (0: never changed since the session was created). */
    private volatile long generation;

    RedisSession(String id, @Nullable String principal, Writer writer, SessionValues values) {
        super(id, principal);
        this.writer = writer;
        this.values = values;
    }

    @Override
    public void initialize(String protocolVersion, @Nullable Implementation clientInfo,
            ClientCapabilities capabilities) {
        long written = writer.write(this, values.initialized(protocolVersion, clientInfo, capabilities));
        super.initialize(protocolVersion, clientInfo, capabilities);
        advanceTo(written);
    }

    @Override
    public void logLevel(LoggingLevel level) {
        long written = writer.write(this, Map.of(LOG_LEVEL, level.name()));
        super.logLevel(level);
        advanceTo(written);
    }

    /** Whether the session's state has changed since this copy was loaded or written ({@code current}: Redis'). */
    boolean isOlderThan(long current) {
        return generation < current;
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
        String loaded = fields.get(GENERATION);
        advanceTo(loaded == null ? 0 : Long.parseLong(loaded));
    }

    private synchronized void advanceTo(long written) { // writes and loads may cross: a copy never goes back
        if (written > generation) {
            generation = written;
        }
    }
}
