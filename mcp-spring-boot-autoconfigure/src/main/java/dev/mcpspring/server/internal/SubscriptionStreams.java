package dev.mcpspring.server.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ServerCapabilities;
import dev.mcpspring.session.MessageSink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open {@code subscriptions/listen} streams of modern (2026-07-28) clients: each gets the change notifications
 * it opted in to, tagged with its subscription id (the id of its request), until the client closes it or the
 * server ends it with a result. Nothing but the stream itself is kept, and no thread waits on it.
 */
public final class SubscriptionStreams {

    /** The {@code _meta} key that tags what belongs to a subscription. */
    public static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    private final JsonRpcCodec codec;

    private final SubscriptionLimits limits;

    private final JsonNode serverInfo;

    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();

    /**
     * @param serverInfo the server's identity, which the result ending a subscription carries as every result
     *                   does
     */
    SubscriptionStreams(JsonRpcCodec codec, SubscriptionLimits limits, JsonNode serverInfo) {
        this.codec = codec;
        this.limits = limits;
        this.serverInfo = serverInfo;
    }

    /**
     * Opens the subscription of a {@code subscriptions/listen} request on {@code stream}: acknowledges the filter
     * first, then keeps the stream for the notifications to come. Only what {@code capabilities} offer is
     * acknowledged (and sent): list changes of tools, prompts and resources the server has, updates of resources.
     */
    void open(JsonRpcMessage.Request request, MessageSink stream, ServerCapabilities capabilities) {
        JsonNode filter = request.params() == null ? null : request.params().get("notifications");
        if (filter == null || !filter.isObject()) {
            throw McpException.invalidParams("subscriptions/listen: \"notifications\" is required: an object such as "
                    + "{\"toolsListChanged\": true, \"resourceSubscriptions\": [\"file:///a.txt\"]}");
        }
        Set<String> uris = new HashSet<>();
        JsonNode resources = filter.get("resourceSubscriptions");
        if (resources != null && !resources.isNull()) {
            if (!resources.isArray()) {
                throw McpException.invalidParams(
                        "subscriptions/listen: \"resourceSubscriptions\" must be an array of resource URIs");
            }
            limits.checkCount(McpMethods.SUBSCRIPTIONS_LISTEN, resources.size(), "listen for fewer resources");
            for (JsonNode uri : resources.values()) {
                if (!uri.isString()) {
                    throw McpException.invalidParams(
                            "subscriptions/listen: \"resourceSubscriptions\" must hold URI strings");
                }
                SubscriptionLimits.checkUri(McpMethods.SUBSCRIPTIONS_LISTEN, uri.asString());
                uris.add(uri.asString());
            }
        }
        // a stream stands for a client, as a session does: bounded as sessions are (checked, then added: a few
        // concurrent opens may pass the bound together, which still bounds them)
        if (open.size() >= limits.maxListenStreams()) {
            throw new McpException(ErrorCodes.INTERNAL_ERROR, "Service unavailable: the server has "
                    + limits.maxListenStreams() + " subscriptions/listen streams open, as many as it may "
                    + "(mcp.server.session.max-listen-streams); retry later");
        }
        boolean resourcesOffered = capabilities.resources() != null;
        Subscription subscription = new Subscription(request.id(),
                flag(filter, "toolsListChanged") && capabilities.tools() != null,
                flag(filter, "promptsListChanged") && capabilities.prompts() != null,
                flag(filter, "resourcesListChanged") && resourcesOffered,
                resourcesOffered ? Set.copyOf(uris) : Set.of(), stream);
        ObjectNode acknowledged = codec.mapper().createObjectNode();
        acknowledged.set("notifications", subscription.filter(codec));
        synchronized (subscription) { // active once acknowledged, and no notification overtakes the acknowledgement
            open.add(subscription);
            stream.send(subscription.tag(McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED, acknowledged));
        }
        stream.onDisconnect(() -> open.remove(subscription));
    }

    /** Sends a {@code notifications/.../list_changed} to the subscriptions that asked for it. */
    void listChanged(String method) {
        for (Subscription subscription : open) {
            if (subscription.wants(method)) {
                send(subscription, subscription.tag(method, codec.mapper().createObjectNode()));
            }
        }
    }

    /** Passes on a list change or resource update that happened on another instance. */
    void notified(JsonRpcMessage message) {
        if (!(message instanceof JsonRpcMessage.Notification notification)) {
            return;
        }
        if (McpMethods.NOTIFICATION_RESOURCES_UPDATED.equals(notification.method())) {
            JsonNode uri = notification.params() == null ? null : notification.params().get("uri");
            if (uri != null && uri.isString()) {
                resourceUpdated(uri.asString());
            }
        }
        else {
            listChanged(notification.method());
        }
    }

    /** Sends {@code notifications/resources/updated} to the subscriptions of {@code uri}. */
    void resourceUpdated(String uri) {
        for (Subscription subscription : open) {
            if (subscription.uris().contains(uri)) {
                ObjectNode params = codec.mapper().createObjectNode();
                params.put("uri", uri);
                send(subscription, subscription.tag(McpMethods.NOTIFICATION_RESOURCES_UPDATED, params));
            }
        }
    }

    /** Ends every subscription gracefully, with a result answering its request (server shutdown). */
    void closeAll() {
        for (Subscription subscription : List.copyOf(open)) {
            open.remove(subscription);
            ObjectNode result = codec.mapper().createObjectNode();
            result.put("resultType", "complete");
            ObjectNode meta = result.putObject("_meta");
            meta.set(SUBSCRIPTION_ID, subscription.id());
            meta.set(ModernRequest.SERVER_INFO, serverInfo);
            subscription.stream().send(new JsonRpcMessage.Response(subscription.id(), result));
            subscription.stream().close();
        }
    }

    /** How many subscriptions are open. */
    public int size() {
        return open.size();
    }

    private void send(Subscription subscription, JsonRpcMessage message) {
        synchronized (subscription) {
            if (!subscription.stream().send(message)) {
                open.remove(subscription);
            }
        }
    }

    private static boolean flag(JsonNode filter, String name) {
        JsonNode flag = filter.get(name);
        if (flag != null && !flag.isBoolean() && !flag.isNull()) {
            throw McpException.invalidParams("subscriptions/listen: \"" + name + "\" must be true or false");
        }
        return flag != null && flag.asBoolean(false);
    }

    private record Subscription(JsonNode id, boolean tools, boolean prompts, boolean resources, Set<String> uris,
            MessageSink stream) {

        boolean wants(String method) {
            return switch (method) {
                case McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED -> tools;
                case McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED -> prompts;
                case McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED -> resources;
                default -> false;
            };
        }

        /** The filter as acknowledged: what was asked for and is offered. */
        ObjectNode filter(JsonRpcCodec codec) {
            ObjectNode filter = codec.mapper().createObjectNode();
            if (tools) {
                filter.put("toolsListChanged", true);
            }
            if (prompts) {
                filter.put("promptsListChanged", true);
            }
            if (resources) {
                filter.put("resourcesListChanged", true);
            }
            if (!uris.isEmpty()) {
                uris.stream().sorted().forEach(filter.putArray("resourceSubscriptions")::add);
            }
            return filter;
        }

        JsonRpcMessage.Notification tag(String method, ObjectNode params) {
            ObjectNode meta = params.putObject("_meta");
            meta.set(SUBSCRIPTION_ID, id);
            return new JsonRpcMessage.Notification(method, params);
        }
    }
}
