package dev.mcpspring.autoconfigure;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.SessionManager;

/**
 * Shuts the MCP server down gracefully, before the web server's own graceful shutdown
 * ({@code WebServerGracefulShutdownLifecycle}, phase {@code DEFAULT_PHASE - 1024}) stops accepting connections.
 * <ol>
 * <li>At once: new sessions (and new standalone streams) are refused with 503 and {@code Retry-After}; every
 * request to the client that a tool waits for (sampling, elicitation, roots, ping) is withdrawn with
 * {@code notifications/cancelled}, so the tool sees {@code McpRequestCancelledException} and finishes; the
 * sessions' standalone GET streams end, since an idle stream would hold up the web server's graceful wait.</li>
 * <li>Then it waits, up to the grace period, for the requests being handled to answer: their responses reach
 * the clients on their streams, which then end.</li>
 * <li>Finally, or at once with no grace period ({@code server.shutdown=immediate}), every request still running
 * is cancelled and answered with -32800 at once, its stream ending without waiting for its handler, and every
 * session is closed.</li>
 * </ol>
 * The wait runs on a thread of its own, so other beans of this phase stop meanwhile.
 */
public class McpGracefulShutdown implements SmartLifecycle {

    /** Stops before {@code WebServerGracefulShutdownLifecycle} (phase {@code DEFAULT_PHASE - 1024}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Log logger = LogFactory.getLog(McpGracefulShutdown.class);

    private final McpServer server;

    private final SessionManager sessions;

    private final Duration gracePeriod;

    private volatile boolean running;

    /**
     * @param server      the server whose requests are waited for
     * @param sessions    the sessions closed at the end
     * @param gracePeriod how long requests being handled may take to finish; zero closes the sessions at once
     */
    McpGracefulShutdown(McpServer server, SessionManager sessions, Duration gracePeriod) {
        this.server = server;
        this.sessions = sessions;
        this.gracePeriod = gracePeriod.isNegative() ? Duration.ZERO : gracePeriod;
    }

    /**
     * The grace period within a shutdown phase of {@code phaseTimeout}: nine tenths of it, at most 5 s less, so
     * that closing the sessions afterwards (with a shared store, a round trip each) ends within the phase too, and
     * the web server's graceful shutdown does not start while sessions are still being closed.
     */
    static Duration graceOf(Duration phaseTimeout) {
        Duration closing = phaseTimeout.dividedBy(10);
        return phaseTimeout.minus(closing.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : closing);
    }

    /** How long requests being handled may take to finish. */
    public Duration gracePeriod() {
        return gracePeriod;
    }

    @Override
    public void start() {
        server.resume();
        running = true;
    }

    /** Shuts down on the calling thread, returning when every session is closed. */
    @Override
    public void stop() {
        running = false;
        server.beginShutdown();
        try {
            if (!gracePeriod.isZero() && !server.awaitIdle(gracePeriod)) {
                logger.warn("MCP requests were still being handled after the grace period of " + gracePeriod
                        + "; cancelling them");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            server.cancelRunningRequests();
            closeSessions();
        }
    }

    @Override
    public void stop(Runnable callback) {
        if (gracePeriod.isZero()) {
            try {
                stop();
            }
            finally {
                callback.run();
            }
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                stop();
            }
            finally {
                callback.run();
            }
        }, "mcp-graceful-shutdown");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeSessions() {
        if (sessions instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            }
            catch (Exception ex) {
                throw new IllegalStateException("Could not close the MCP sessions", ex);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
