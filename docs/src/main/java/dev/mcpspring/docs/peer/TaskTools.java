package dev.mcpspring.docs.peer;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TypedElicitationResult;

@Component
class TaskTools {

    private final TaskBoard board;

    TaskTools(TaskBoard board) {
        this.board = board;
    }

    // tag::progress-and-elicitation[]
    @McpTool(description = "Import tasks, reporting progress", destructiveHint = false)
    String importTasks(int count, PeerHandle peer) {
        for (int i = 0; i < count && !peer.isCancelled(); i++) {
            board.add("Imported task " + i, Priority.NORMAL, null);
            peer.progress(i + 1, (double) count, "imported " + (i + 1));
        }
        return peer.isCancelled() ? "stopped" : "imported " + count;
    }

    @McpTool(description = "Delete the done tasks after the user confirms", destructiveHint = true)
    String clearDone(PeerHandle peer) {
        record Confirmation(@McpToolParam(description = "Delete them?") boolean confirm) {}
        TypedElicitationResult<Confirmation> answer = peer.elicit("Delete all done tasks?", Confirmation.class);
        return answer.isAccepted() && answer.content().confirm() ? "deleted " + board.clearDone() : "kept";
    }
    // end::progress-and-elicitation[]
}
