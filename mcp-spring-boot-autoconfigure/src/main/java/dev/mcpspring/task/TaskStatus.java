package dev.mcpspring.task;

import org.jspecify.annotations.Nullable;

/**
 * The status of a task. A task starts {@link #WORKING}, may wait for the client ({@link #INPUT_REQUIRED}) and back,
 * and ends in one of the terminal statuses, which it never leaves.
 */
public enum TaskStatus {

    /** The tool is working. */
    WORKING("working"),

    /** The tool waits for the client's answers to its questions (elicitation, sampling, roots). */
    INPUT_REQUIRED("input_required"),

    /** The tool returned a result (also a result with {@code isError: true}). */
    COMPLETED("completed"),

    /** The call ended with a JSON-RPC error. */
    FAILED("failed"),

    /** The client cancelled the task (or it expired while it ran). */
    CANCELLED("cancelled");

    private final String wireValue;

    TaskStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The status as the protocol writes it, for example {@code input_required}. */
    public String wireValue() {
        return wireValue;
    }

    /** Whether the task has ended: completed, failed or cancelled. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The status the protocol writes as {@code value}, or {@code null} for an unknown one. */
    public static @Nullable TaskStatus fromWire(@Nullable String value) {
        for (TaskStatus status : values()) {
            if (status.wireValue.equals(value)) {
                return status;
            }
        }
        return null;
    }
}
