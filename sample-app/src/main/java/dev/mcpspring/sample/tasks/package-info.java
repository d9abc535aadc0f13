/**
 * A task board: tools that add, list and complete tasks, an import that reports progress and can be cancelled, and a
 * clean-up that asks the user to confirm through a typed elicitation.
 */
@NullMarked
package dev.mcpspring.sample.tasks;

import org.jspecify.annotations.NullMarked;
