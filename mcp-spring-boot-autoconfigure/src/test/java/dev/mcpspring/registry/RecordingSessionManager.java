package dev.mcpspring.registry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.InMemorySessionManager;

/**
 * The in-memory session manager, recording every message it is asked to route to a session, so that a test can
 * see that nothing was even attempted for a session (one that was deleted, for example).
 */
class RecordingSessionManager extends InMemorySessionManager {

    /**
     * One routing attempt.
     *
     * @param sessionId the target session
     * @param message   the message
     */
    record Delivery(String sessionId, JsonRpcMessage message) {

        String method() {
            return message instanceof JsonRpcMessage.Notification notification ? notification.method() : null;
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    RecordingSessionManager() {
        super(Duration.ofMinutes(10), 10_000, 1_000);
    }

    @Override
    public boolean sendToSession(String sessionId, JsonRpcMessage message) {
        deliveries.add(new Delivery(sessionId, message));
        return super.sendToSession(sessionId, message);
    }

    /** Every message routed to {@code sessionId} so far. */
    List<Delivery> deliveriesTo(String sessionId) {
        return deliveries.stream().filter(delivery -> delivery.sessionId().equals(sessionId)).toList();
    }
}
