package dev.mcpspring.actuate;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.mcpspring.session.SessionManager;

/**
 * The {@code mcp} health indicator: {@code UP} while the MCP server serves, {@code OUT_OF_SERVICE} while it shuts
 * down gracefully, {@code DOWN} when its session store cannot count the sessions (the Redis store, when Redis does
 * not answer). Details: the live sessions, the open SSE streams and the session store.
 */
public class McpHealthIndicator extends AbstractHealthIndicator {

    private final BooleanSupplier shuttingDown;

    private final SessionManager sessions;

    private final IntSupplier openSseStreams;

    private final String sessionStore;

    /**
     * @param shuttingDown   whether the server is shutting down
     * @param sessions       the session manager, counted
     * @param openSseStreams how many SSE streams are open now
     * @param sessionStore   the name of the session store ({@code memory}, {@code redis})
     */
    public McpHealthIndicator(BooleanSupplier shuttingDown, SessionManager sessions, IntSupplier openSseStreams,
            String sessionStore) {
        super("MCP health check failed");
        this.shuttingDown = shuttingDown;
        this.sessions = sessions;
        this.openSseStreams = openSseStreams;
        this.sessionStore = sessionStore;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("sessionStore", sessionStore);
        builder.withDetail("openSseStreams", openSseStreams.getAsInt());
        try {
            builder.withDetail("sessions", sessions.sessionCount());
        }
        catch (RuntimeException ex) { // the session store cannot be reached
            builder.down(ex).withDetail("sessionStoreReachable", false);
            return;
        }
        if (shuttingDown.getAsBoolean()) {
            builder.status(Status.OUT_OF_SERVICE).withDetail("shuttingDown", true);
        }
        else {
            builder.up();
        }
    }
}
