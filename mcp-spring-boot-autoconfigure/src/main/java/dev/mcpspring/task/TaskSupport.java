package dev.mcpspring.task;

import java.util.Locale;

/**
 * Whether a tool runs as a task: the server answers a {@code tools/call} with a task handle at once and the client
 * polls for the result ({@code tasks/get}), rather than holding the HTTP response open while the tool works.
 * <p>
 * The server decides per request: a call runs as a task only when the tool allows it and the client declared that
 * it handles tasks (a 2026-07-28 client with the {@code io.modelcontextprotocol/tasks} extension in the request's
 * capabilities; a 2025-11-25 client by augmenting the call with a {@code task} parameter). Otherwise the tool runs
 * as any other and its result is the response.
 */
public enum TaskSupport {

    /**
     * Only on {@code @McpTool}: {@link #OPTIONAL} for a method that answers later (it returns a
     * {@code CompletionStage} or a Reactor {@code Mono}), {@link #FORBIDDEN} for any other. A
     * {@link dev.mcpspring.server.ToolSpecification} never has it.
     */
    AUTO,

    /** Never a task: the call is answered with the tool's result. The default of a hand-written tool. */
    FORBIDDEN,

    /**
     * A task for a client that handles tasks, else an ordinary call. A method that answers later and whose future is
     * already complete when it returns is answered at once, without a task.
     */
    OPTIONAL,

    /**
     * Always a task: a 2026-07-28 client that did not declare the tasks extension gets error -32021 (missing required
     * client capability), a 2025-11-25 call without the {@code task} parameter -32601, as the protocol says; clients
     * of older revisions, which know no tasks, get an ordinary call.
     */
    REQUIRED;

    /** The value of {@code execution.taskSupport} in a 2025-11-25 tool definition. */
    public String wireValue() {
        return this == AUTO ? FORBIDDEN.wireValue() : name().toLowerCase(Locale.ROOT);
    }

    /** Whether a call of the tool may run as a task. */
    public boolean allowsTasks() {
        return this == OPTIONAL || this == REQUIRED;
    }
}
