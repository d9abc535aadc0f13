package dev.mcpspring.sample.tasks;

import java.util.List;

/**
 * What {@code import_tasks} did.
 *
 * @param requested how many titles were given
 * @param imported  the tasks added, in the order given
 * @param skipped   how many titles were blank and skipped
 */
public record TaskImport(int requested, List<Task> imported, int skipped) {
}
