package dev.mcpspring.test;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * A notification the server sent to the test client: progress, a log message, a list change, a resource update.
 *
 * @param method the notification's method, e.g. {@code notifications/progress}
 * @param params its params (an empty object when it had none)
 */
public record McpNotification(String method, JsonNode params) {

    /** The method of progress notifications. */
    public static final String PROGRESS = "notifications/progress";

    /** The method of log message notifications. */
    public static final String LOG = "notifications/message";

    /** Whether this is a progress notification. */
    public boolean isProgress() {
        return PROGRESS.equals(method);
    }

    /** Whether this is a log message. */
    public boolean isLog() {
        return LOG.equals(method);
    }

    /** Whether this says that a list (tools, prompts, resources) changed. */
    public boolean isListChanged() {
        return method.endsWith("/list_changed");
    }

    /** A progress notification's message, or a log message's {@code data} as text; {@code null} otherwise. */
    public @Nullable String message() {
        if (isProgress()) {
            return params.hasNonNull("message") ? params.get("message").asString() : null;
        }
        if (isLog()) {
            JsonNode data = params.get("data");
            return data == null ? null : data.isString() ? data.asString() : data.toString();
        }
        return null;
    }
}
