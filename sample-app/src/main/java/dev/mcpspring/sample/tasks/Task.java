package dev.mcpspring.sample.tasks;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A task on the board.
 *
 * @param id       assigned by the board
 * @param title    what to do
 * @param priority how urgent
 * @param due      when it is due, or {@code null}
 * @param done     whether it is done
 */
public record Task(int id, String title, Priority priority, @Nullable LocalDate due, boolean done) {

    Task complete() {
        return new Task(id, title, priority, due, true);
    }
}
