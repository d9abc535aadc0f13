package dev.mcpspring.server.internal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ResourceUpdatedNotification;
import dev.mcpspring.server.ResourceUpdates;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.SessionStoreUnavailableException;

/**
 * The {@link ResourceUpdates} of a server: the subscribed sessions through the session manager (on whichever
 * instance they are), the {@code subscriptions/listen} streams of this instance through {@link SubscriptionStreams}.
 */
public final class SubscriberResourceUpdates implements ResourceUpdates {

    private static final Log logger = LogFactory.getLog(SubscriberResourceUpdates.class);

    private final SessionManager sessions;

    private final JsonRpcCodec codec;

    private final SubscriptionStreams subscriptions;

    public SubscriberResourceUpdates(SessionManager sessions, JsonRpcCodec codec, SubscriptionStreams subscriptions) {
        this.sessions = sessions;
        this.codec = codec;
        this.subscriptions = subscriptions;
    }

    @Override
    public void resourceUpdated(String uri) {
        try {
            sessions.sendToSubscribers(uri, new JsonRpcMessage.Notification(
                    McpMethods.NOTIFICATION_RESOURCES_UPDATED, codec.toTree(new ResourceUpdatedNotification(uri))));
        }
        catch (SessionStoreUnavailableException ex) { // a notification is not worth failing the application's code
            logger.warn("The sessions subscribed to " + uri + " miss its update: " + ex.getMessage());
        }
        subscriptions.resourceUpdated(uri);
    }
}
