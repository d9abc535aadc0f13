package dev.mcpspring.sample.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.task.TaskSupport;

/**
 * Progress and cancellation: a long-running tool that reports how far it got and stops when the client cancels.
 * <p>
 * {@code import_tasks} adds tasks one by one. Each one waits {@code sample.tasks.import-pause}, standing in for a
 * slow system of record (an issue tracker's API, say). After every task it calls
 * {@link PeerHandle#progress(double, Double, String)}, which sends {@code notifications/progress} when the client
 * asked for progress by sending a {@code progressToken} (and does nothing otherwise). When the client sends
 * {@code notifications/cancelled}, {@link PeerHandle#isCancelled()} turns true and the {@link PeerHandle#onCancel}
 * callback ends the current pause at once; the tasks imported so far stay on the board.
 * <p>
 * A long import is what MCP tasks are for: {@code task = TaskSupport.OPTIONAL} lets a client that handles tasks
 * (a 2026-07-28 client declaring the {@code io.modelcontextprotocol/tasks} extension, a 2025-11-25 client calling
 * with a {@code task} parameter) get a task handle at once and poll for the import's outcome; the progress becomes
 * the task's status message and {@code tasks/cancel} stops it as a cancellation does. Other clients get the result
 * in the response, as before.
 */
@Component
public class TaskImportTools {

    private static final Logger logger = LoggerFactory.getLogger(TaskImportTools.class);

    /** More titles than this in one call is a mistake more often than not. */
    static final int MAX_TITLES = 1_000;

    private final TaskBoard board;

    private final Duration pausePerTask;

    public TaskImportTools(TaskBoard board,
            @Value("${sample.tasks.import-pause:200ms}") Duration pausePerTask) {
        this.board = board;
        this.pausePerTask = pausePerTask;
    }

    @McpTool(name = "import_tasks", title = "Import tasks",
            description = "Adds many tasks to the board at once, for example from a pasted list. Reports progress "
                    + "and can be cancelled; returns the tasks imported",
            destructiveHint = false, openWorldHint = false, task = TaskSupport.OPTIONAL)
    public TaskImport importTasks(@McpToolParam(description = "The titles of the tasks, one per task; blank titles "
            + "are skipped") List<String> titles,
            @McpToolParam(description = "Priority of every imported task; NORMAL when omitted",
                    required = false) @Nullable Priority priority,
            PeerHandle peer) throws InterruptedException {
        if (titles.size() > MAX_TITLES) {
            throw new IllegalArgumentException("Import at most " + MAX_TITLES + " tasks at a time, not "
                    + titles.size());
        }
        CountDownLatch cancelled = new CountDownLatch(1);
        peer.onCancel(cancelled::countDown);
        double total = titles.size();
        List<Task> imported = new ArrayList<>();
        int skipped = 0;
        peer.progress(0, total, "Importing " + titles.size() + " task(s)");
        for (int i = 0; i < titles.size() && !peer.isCancelled(); i++) {
            String title = titles.get(i) == null ? "" : titles.get(i).strip();
            if (title.isEmpty()) {
                skipped++;
                peer.log(LoggingLevel.WARNING, "tasks", "Skipped title " + (i + 1) + ": it is blank");
            }
            else {
                // the slow backend; a cancellation ends the wait early
                if (cancelled.await(pausePerTask.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
                imported.add(board.add(title, priority == null ? Priority.NORMAL : priority, null));
            }
            peer.progress(i + 1, total, "Imported " + imported.size() + " of " + titles.size());
        }
        if (peer.isCancelled()) {
            // the client will not read a response any more: tell whoever reads the server's log
            logger.info("Import cancelled by the client after {} of {} task(s)", imported.size(), titles.size());
        }
        return new TaskImport(titles.size(), imported, skipped);
    }
}
