package dev.mcpspring.protocol;

/**
 * Params of {@code notifications/resources/updated}: a subscribed resource changed.
 *
 * @param uri the resource's URI (possibly a sub-resource of the subscribed one)
 */
public record ResourceUpdatedNotification(String uri) {
}
