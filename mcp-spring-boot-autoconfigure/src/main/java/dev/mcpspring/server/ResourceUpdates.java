package dev.mcpspring.server;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ResourceUpdatedNotification;
import dev.mcpspring.session.SessionManager;

/**
 * Tells clients that a resource changed: call {@link #resourceUpdated(String)} and every session subscribed to
 * that URI ({@code resources/subscribe}) and every {@code subscriptions/listen} stream that names it gets
 * {@code notifications/resources/updated}; nobody else does.
 */
public class ResourceUpdates {

    private final SessionManager sessions;

    private final JsonRpcCodec codec;

    private final SubscriptionStreams subscriptions;

    public ResourceUpdates(SessionManager sessions, JsonRpcCodec codec, SubscriptionStreams subscriptions) {
        this.sessions = sessions;
        this.codec = codec;
        this.subscriptions = subscriptions;
    }

    /** Notifies the sessions subscribed to {@code uri} that its contents changed. */
    public void resourceUpdated(String uri) {
        sessions.sendToSubscribers(uri, new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_RESOURCES_UPDATED,
                codec.toTree(new ResourceUpdatedNotification(uri))));
        subscriptions.resourceUpdated(uri);
    }
}
