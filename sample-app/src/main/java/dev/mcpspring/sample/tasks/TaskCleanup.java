package dev.mcpspring.sample.tasks;

import java.util.List;

/**
 * What {@code clear_done_tasks} did.
 *
 * @param outcome what happened
 * @param deleted the tasks deleted; empty unless the outcome is {@link Outcome#DELETED}
 * @param message the same in a sentence, for the model
 */
public record TaskCleanup(Outcome outcome, List<Task> deleted, String message) {

    /** How a cleanup ended. */
    public enum Outcome {
        /** The user confirmed and the completed tasks are gone. */
        DELETED,
        /** The user said no; nothing was deleted. */
        DECLINED,
        /** The user dismissed the question or did not answer in time; nothing was deleted. */
        CANCELLED,
        /** There were no completed tasks to delete; the user was not asked. */
        NOTHING_TO_DELETE
    }

    static TaskCleanup kept(Outcome outcome, String message) {
        return new TaskCleanup(outcome, List.of(), message);
    }
}
