package dev.mcpspring.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.session.SessionEnd;
import dev.mcpspring.session.SessionManager;

/**
 * The meters of an MCP server besides the operation timers of its observations: the duration of every session
 * that ends ({@value #SESSION_DURATION}, after the OpenTelemetry semantic conventions for MCP) and three gauges,
 * {@value #ACTIVE_SESSIONS}, {@value #OPEN_SSE_STREAMS} and {@value #PENDING_CLIENT_REQUESTS} (the conventions
 * define none; these names are the starter's). See {@link McpMeterDocumentation}.
 */
public class McpServerMetrics implements MeterBinder {

    /** The duration of a session, recorded when it ends. */
    public static final String SESSION_DURATION = "mcp.server.session.duration";

    /** The sessions live now (across the cluster, with the Redis session store). */
    public static final String ACTIVE_SESSIONS = "mcp.server.active_sessions";

    /** The SSE streams open now on this instance. */
    public static final String OPEN_SSE_STREAMS = "mcp.server.open_sse_streams";

    /** The requests this instance sent to clients and waits for the answer of. */
    public static final String PENDING_CLIENT_REQUESTS = "mcp.server.pending_client_requests";

    private static final Log logger = LogFactory.getLog(McpServerMetrics.class);

    private final SessionManager sessions;

    private final IntSupplier openSseStreams;

    private final IntSupplier pendingClientRequests;

    private final TransportInfo sessionTransport;

    /**
     * @param sessions              the session manager, counted and listened to for ends
     * @param openSseStreams        how many SSE streams are open now
     * @param pendingClientRequests how many requests sent to clients wait for their answer now
     * @param sessionTransport      the transport of the sessions (their {@code network.*} tags)
     */
    public McpServerMetrics(SessionManager sessions, IntSupplier openSseStreams, IntSupplier pendingClientRequests,
            TransportInfo sessionTransport) {
        this.sessions = sessions;
        this.openSseStreams = openSseStreams;
        this.pendingClientRequests = pendingClientRequests;
        this.sessionTransport = sessionTransport;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(ACTIVE_SESSIONS, sessions, McpServerMetrics::sessionCount)
            .description("The MCP sessions live now")
            .strongReference(true)
            .register(registry);
        Gauge.builder(OPEN_SSE_STREAMS, openSseStreams, IntSupplier::getAsInt)
            .description("The SSE streams open now")
            .strongReference(true)
            .register(registry);
        Gauge.builder(PENDING_CLIENT_REQUESTS, pendingClientRequests, IntSupplier::getAsInt)
            .description("The requests sent to clients that wait for their answer")
            .strongReference(true)
            .register(registry);
        sessions.onSessionEnd(end -> record(registry, end));
    }

    private void record(MeterRegistry registry, SessionEnd end) {
        if (end.protocolVersion() == null) { // never initialized: no session the client knew of
            return;
        }
        List<Tag> tags = new ArrayList<>(5);
        tags.add(Tag.of("mcp.protocol.version", end.protocolVersion()));
        String errorType = errorType(end.reason());
        if (errorType != null) {
            tags.add(Tag.of("error.type", errorType));
        }
        if (sessionTransport.networkTransport() != null) {
            tags.add(Tag.of("network.transport", sessionTransport.networkTransport()));
        }
        if (sessionTransport.protocolName() != null) {
            tags.add(Tag.of("network.protocol.name", sessionTransport.protocolName()));
        }
        Timer.builder(SESSION_DURATION)
            .description("The duration of MCP sessions, recorded when they end")
            .tags(tags)
            .register(registry)
            .record(end.duration());
    }

    /**
     * The {@code error.type} of a session's end: none when it was closed, {@code timeout} when it expired,
     * {@code evicted} when it made room for another, {@code shutdown} when it was lost with the server.
     */
    static @Nullable String errorType(SessionEnd.Reason reason) {
        return switch (reason) {
            case CLOSED -> null;
            case EXPIRED -> "timeout";
            case EVICTED -> "evicted";
            case SHUTDOWN -> "shutdown";
        };
    }

    private static double sessionCount(SessionManager sessions) {
        try {
            return sessions.sessionCount();
        }
        catch (RuntimeException ex) { // the session store cannot be reached now
            logger.debug("Counting the MCP sessions failed: " + ex.getMessage());
            return Double.NaN;
        }
    }
}
