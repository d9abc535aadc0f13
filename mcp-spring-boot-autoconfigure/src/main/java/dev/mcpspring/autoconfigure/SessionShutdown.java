package dev.mcpspring.autoconfigure;

import org.springframework.context.SmartLifecycle;

import dev.mcpspring.session.SessionManager;

/**
 * Closes every MCP session, and with them their open SSE streams, when the application shuts down. It stops
 * before the web server's graceful shutdown, which would otherwise wait for idle streams that never end.
 */
public class SessionShutdown implements SmartLifecycle {

    /** Stops before {@code WebServerGracefulShutdownLifecycle} (phase {@code DEFAULT_PHASE - 1024}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final SessionManager sessions;

    private volatile boolean running;

    public SessionShutdown(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
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
