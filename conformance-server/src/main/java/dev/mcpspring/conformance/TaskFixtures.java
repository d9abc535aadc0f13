package dev.mcpspring.conformance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.task.TaskSupport;

/**
 * The fixtures of the {@code tasks-*} scenarios (the {@code io.modelcontextprotocol/tasks} extension, SEP-2663):
 * ordinary tools, which the server runs as tasks for a client that declared the extension, because their
 * {@code @McpTool(task = ...)} allows it. Nothing here knows about task ids, polling or the store.
 */
@Component
public class TaskFixtures {

    @McpTool(name = "greet", description = "Greets someone; never runs as a task")
    public String greet(@McpToolParam(description = "Who to greet") String name) {
        return "Hello, " + name + "!";
    }

    @McpTool(name = "slow_compute", task = TaskSupport.OPTIONAL,
            description = "Works for the given number of seconds, then answers; stops when cancelled")
    public String slowCompute(@McpToolParam(description = "Seconds to work") double seconds,
            @McpToolParam(description = "A label echoed in the result", required = false) String label,
            PeerHandle peer) {
        long end = System.nanoTime() + (long) (seconds * 1_000_000_000L);
        while (System.nanoTime() < end) {
            if (peer.isCancelled()) {
                return "Cancelled " + label;
            }
            peer.progress(seconds - TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime()), seconds, "computing "
                    + label);
            try {
                Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return "Cancelled " + label;
            }
        }
        return "Computed " + label + " after " + seconds + "s";
    }

    @McpTool(name = "failing_job", task = TaskSupport.REQUIRED,
            description = "Runs only as a task; fails with a tool error after about a second")
    public CallToolResult failingJob() throws InterruptedException {
        Thread.sleep(1000);
        return CallToolResult.error("The job failed: the input could not be processed");
    }

    @McpTool(name = "protocol_error_job", task = TaskSupport.OPTIONAL,
            description = "Fails with a JSON-RPC error (a protocol error, not a tool error)")
    public String protocolErrorJob() throws InterruptedException {
        Thread.sleep(200);
        throw new McpException(ErrorCodes.INTERNAL_ERROR, "The job crashed: internal failure");
    }

    @McpTool(name = "confirm_delete", task = TaskSupport.OPTIONAL,
            description = "Asks the user to confirm before deleting a file")
    public String confirmDelete(@McpToolParam(description = "The file to delete") String filename, PeerHandle peer) {
        ElicitationResult answer = peer.withInputKey("confirm")
            .elicit(ElicitationRequest.form("Delete " + filename + "?", InputRequiredFixtures.schema("confirm",
                    "boolean")));
        boolean confirmed = answer.isAccepted() && answer.content() != null
                && Boolean.TRUE.equals(answer.content().get("confirm"));
        return confirmed ? "Deleted " + filename : "Kept " + filename;
    }

    @McpTool(name = "multi_input", task = TaskSupport.OPTIONAL,
            description = "Asks two questions at once and answers when both are answered")
    public String multiInput(PeerHandle peer) {
        var first = peer.withInputKey("first")
            .elicitAsync(ElicitationRequest.form("First name?", InputRequiredFixtures.schema("name", "string")));
        var second = peer.withInputKey("second")
            .elicitAsync(ElicitationRequest.form("Second name?", InputRequiredFixtures.schema("name", "string")));
        return "Got " + PeerHandle.await(first).content() + " and " + PeerHandle.await(second).content();
    }

    @McpTool(name = "test_tool_with_task", task = TaskSupport.REQUIRED,
            description = "Asks for the user's name within the call, then greets them from a task")
    public CompletableFuture<String> toolWithTask(PeerHandle peer) {
        // asked before the future is returned: a round of the call itself, before any task exists
        ElicitationResult answer = peer.withInputKey("user_name")
            .elicit(ElicitationRequest.form("What is your name?", InputRequiredFixtures.schema("name", "string")));
        Object name = answer.content() == null ? null : answer.content().get("name");
        // the future is the task
        return CompletableFuture.supplyAsync(() -> "Hello, " + name + "!",
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
    }
}
