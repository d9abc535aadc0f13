package dev.mcpspring.sample.tasks;

/** How urgent a task is. */
public enum Priority {
    LOW, NORMAL, HIGH
}
