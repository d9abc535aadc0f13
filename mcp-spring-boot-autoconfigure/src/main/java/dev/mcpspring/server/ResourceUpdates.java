package dev.mcpspring.server;

/**
 * Tells clients that a resource changed: call {@link #resourceUpdated(String)} and every session subscribed to
 * that URI ({@code resources/subscribe}) and every {@code subscriptions/listen} stream that names it gets
 * {@code notifications/resources/updated}; nobody else does. The starter provides the bean; inject it where
 * needed.
 */
public interface ResourceUpdates {

    /**
     * Notifies the sessions subscribed to {@code uri} that its contents changed. Notifications are best effort:
     * while a shared session store (Redis) cannot be reached, the sessions subscribed through it miss this one (a
     * warning is logged); the method does not throw for that.
     */
    void resourceUpdated(String uri);
}
