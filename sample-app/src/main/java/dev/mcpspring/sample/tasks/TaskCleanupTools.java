package dev.mcpspring.sample.tasks;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.server.McpPeerTimeoutException;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TypedElicitationResult;

/**
 * Elicitation: a destructive tool that asks the user (not the model) to confirm before it deletes anything.
 * <p>
 * The model may decide to call {@code clear_done_tasks}, but only the person at the client can approve it: the tool
 * sends {@code elicitation/create} with a one-field form derived from {@link Confirmation}, and deletes only when the answer is "accept" with the box
 * ticked. Declining, dismissing the form, or not answering within {@code mcp.server.peer.elicitation-timeout} keeps
 * every task. A client without the {@code elicitation} capability cannot ask, so the tool refuses instead of
 * deleting unconfirmed.
 * <p>
 * The starter records the reflection a native image needs for the tool's parameters and result at build time, but
 * it cannot see the form type the method only names in its body: {@code @RegisterReflectionForBinding} does.
 */
@Component
@RegisterReflectionForBinding(TaskCleanupTools.Confirmation.class)
public class TaskCleanupTools {

    private static final int TITLES_SHOWN = 10;

    private final TaskBoard board;

    public TaskCleanupTools(TaskBoard board) {
        this.board = board;
    }

    @McpTool(name = "clear_done_tasks", title = "Clear completed tasks",
            description = "Deletes every completed task from the board after the user confirms it (the user is "
                    + "asked directly; nothing is deleted without their confirmation)",
            destructiveHint = true, idempotentHint = true, openWorldHint = false)
    public TaskCleanup clearDoneTasks(PeerHandle peer) {
        List<Task> done = board.list(Optional.empty(), true).stream().filter(Task::done).toList();
        if (done.isEmpty()) {
            return TaskCleanup.kept(TaskCleanup.Outcome.NOTHING_TO_DELETE,
                    "There are no completed tasks; nothing to delete");
        }
        if (!peer.clientSupport().formElicitation()) {
            throw new IllegalStateException("This client cannot ask its user for confirmation (it does not support "
                    + "elicitation), so no tasks were deleted");
        }
        TypedElicitationResult<Confirmation> answer;
        try {
            answer = peer.elicit(question(done), Confirmation.class);
        }
        catch (McpPeerTimeoutException ex) {
            return TaskCleanup.kept(TaskCleanup.Outcome.CANCELLED,
                    "The user did not answer in time; nothing was deleted");
        }
        if (answer.action() == ElicitationResult.Action.CANCEL) {
            return TaskCleanup.kept(TaskCleanup.Outcome.CANCELLED,
                    "The user dismissed the confirmation; nothing was deleted");
        }
        if (!answer.isAccepted() || !answer.content().confirm()) {
            return TaskCleanup.kept(TaskCleanup.Outcome.DECLINED,
                    "The user did not confirm; nothing was deleted");
        }
        // delete what the user saw, not tasks completed since
        List<Task> deleted = board.removeDone(done.stream().map(Task::id).toList());
        peer.log(LoggingLevel.NOTICE, "tasks", "Deleted " + deleted.size() + " completed task(s) at the user's "
                + "request");
        return new TaskCleanup(TaskCleanup.Outcome.DELETED, deleted,
                "Deleted " + deleted.size() + " completed task(s)");
    }

    private static String question(List<Task> done) {
        String titles = done.stream()
            .limit(TITLES_SHOWN)
            .map(task -> "- " + task.title())
            .collect(Collectors.joining("\n"));
        String more = done.size() > TITLES_SHOWN ? "\n- and " + (done.size() - TITLES_SHOWN) + " more" : "";
        return "Delete " + done.size() + " completed task(s) from the board? This cannot be undone.\n" + titles
                + more;
    }

    /**
     * The form the user fills in: one yes/no field, unticked at first.
     *
     * @param confirm whether to delete the completed tasks
     */
    record Confirmation(@McpToolParam(title = "Delete the completed tasks",
            description = "Tick to delete them for good") @JsonProperty(defaultValue = "false") boolean confirm) {
    }
}
