package dev.mcpspring.protocol;

/** Method names of MCP requests and notifications. */
public final class McpMethods {

    public static final String INITIALIZE = "initialize";
    /** 2026-07-28: the server's versions, capabilities and identity, without a session. */
    public static final String SERVER_DISCOVER = "server/discover";
    /** 2026-07-28: a long-lived response stream of the change notifications the client opts in to. */
    public static final String SUBSCRIPTIONS_LISTEN = "subscriptions/listen";
    public static final String PING = "ping";
    public static final String TOOLS_LIST = "tools/list";
    public static final String TOOLS_CALL = "tools/call";
    public static final String RESOURCES_LIST = "resources/list";
    public static final String RESOURCES_TEMPLATES_LIST = "resources/templates/list";
    public static final String RESOURCES_READ = "resources/read";
    public static final String RESOURCES_SUBSCRIBE = "resources/subscribe";
    public static final String RESOURCES_UNSUBSCRIBE = "resources/unsubscribe";
    public static final String PROMPTS_LIST = "prompts/list";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String COMPLETION_COMPLETE = "completion/complete";
    public static final String LOGGING_SET_LEVEL = "logging/setLevel";
    public static final String SAMPLING_CREATE_MESSAGE = "sampling/createMessage";
    public static final String ELICITATION_CREATE = "elicitation/create";
    public static final String ROOTS_LIST = "roots/list";
    /** Tasks (2025-11-25 utility and 2026-07-28 extension): the state of a task, with its result in 2026-07-28. */
    public static final String TASKS_GET = "tasks/get";
    /** 2026-07-28 tasks extension: the client's answers to a task's questions. */
    public static final String TASKS_UPDATE = "tasks/update";
    /** Tasks (both eras): cancels a task. */
    public static final String TASKS_CANCEL = "tasks/cancel";
    /** 2025-11-25 tasks utility only: waits for a task's result. */
    public static final String TASKS_RESULT = "tasks/result";
    /** 2025-11-25 tasks utility only: the caller's tasks. */
    public static final String TASKS_LIST = "tasks/list";

    public static final String NOTIFICATION_INITIALIZED = "notifications/initialized";
    public static final String NOTIFICATION_CANCELLED = "notifications/cancelled";
    public static final String NOTIFICATION_PROGRESS = "notifications/progress";
    public static final String NOTIFICATION_MESSAGE = "notifications/message";
    public static final String NOTIFICATION_TOOLS_LIST_CHANGED = "notifications/tools/list_changed";
    public static final String NOTIFICATION_RESOURCES_LIST_CHANGED = "notifications/resources/list_changed";
    public static final String NOTIFICATION_PROMPTS_LIST_CHANGED = "notifications/prompts/list_changed";
    public static final String NOTIFICATION_RESOURCES_UPDATED = "notifications/resources/updated";
    public static final String NOTIFICATION_ROOTS_LIST_CHANGED = "notifications/roots/list_changed";
    /** 2026-07-28: the first message on a {@code subscriptions/listen} stream. */
    public static final String NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED = "notifications/subscriptions/acknowledged";
    public static final String NOTIFICATION_ELICITATION_COMPLETE = "notifications/elicitation/complete";
    /** 2025-11-25 tasks utility: a task's status changed. */
    public static final String NOTIFICATION_TASKS_STATUS = "notifications/tasks/status";

    private McpMethods() {
    }
}
