package dev.mcpspring.docs.peer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/** The application's own task list, as {@link TaskTools} uses it. */
@Component
class TaskBoard {

    private final List<String> open = new ArrayList<>();

    private final List<String> done = new ArrayList<>();

    synchronized void add(String title, Priority priority, LocalDate due) {
        open.add(title);
    }

    synchronized int clearDone() {
        int cleared = done.size();
        done.clear();
        return cleared;
    }
}
