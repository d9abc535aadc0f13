package dev.mcpspring.modern;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.test.context.TestComponent;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.UrlElicitationRequiredException;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TypedElicitationResult;
import dev.mcpspring.task.TaskSupport;

/** Tools the tasks tests run as tasks: long ones, ones that ask, fail, or answer later. */
@TestComponent
public class TaskTestTools {

    /** What the cancelled tools saw: "onCancel", "interrupted", "isCancelled". */
    final List<String> cancellations = new CopyOnWriteArrayList<>();

    /** Counted down when {@code endless} has started. */
    volatile CountDownLatch endlessStarted = new CountDownLatch(1);

    /** The threads the tools ran on. */
    final List<String> threads = new CopyOnWriteArrayList<>();

    @McpTool(name = "long_import", task = TaskSupport.OPTIONAL, description = "Imports items, slowly, with progress")
    String longImport(int items, int millisPerItem, PeerHandle peer) throws InterruptedException {
        threads.add(Thread.currentThread().getName());
        for (int i = 1; i <= items; i++) {
            Thread.sleep(millisPerItem);
            peer.progress(i, (double) items, "imported " + i + " of " + items);
        }
        return "imported " + items + " items";
    }

    @McpTool(name = "endless", task = TaskSupport.OPTIONAL, description = "Works until it is cancelled")
    String endless(PeerHandle peer) {
        peer.onCancel(() -> cancellations.add("onCancel"));
        endlessStarted.countDown();
        while (!peer.isCancelled()) {
            try {
                Thread.sleep(10_000);
            }
            catch (InterruptedException ex) {
                cancellations.add("interrupted");
                break;
            }
        }
        if (peer.isCancelled()) {
            cancellations.add("isCancelled");
        }
        return "stopped";
    }

    @McpTool(name = "approve_import", task = TaskSupport.OPTIONAL, description = "Asks before importing a file")
    String approveImport(String file, PeerHandle peer) {
        record Approval(boolean approve) {
        }
        TypedElicitationResult<Approval> answer = peer.withInputKey("approval").elicit("Import " + file + "?",
                Approval.class);
        peer.progress(1, 2.0, "approved: " + (answer.isAccepted() && answer.content().approve()));
        return answer.isAccepted() && answer.content().approve() ? "imported " + file : "skipped " + file;
    }

    @McpTool(name = "two_questions", task = TaskSupport.OPTIONAL, description = "Asks two questions at once")
    String twoQuestions(PeerHandle peer) {
        record Name(String name) {
        }
        var first = peer.withInputKey("first").elicitAsync("First?", Name.class);
        var second = peer.withInputKey("second").elicitAsync("Second?", Name.class);
        return PeerHandle.await(first).content().name() + " & " + PeerHandle.await(second).content().name();
    }

    @McpTool(name = "broken_import", task = TaskSupport.OPTIONAL, description = "Fails with a protocol error")
    String brokenImport() {
        throw new McpException(ErrorCodes.INTERNAL_ERROR, "The import service is down");
    }

    @McpTool(name = "sign_in_import", task = TaskSupport.OPTIONAL, description = "Needs the user to sign in first")
    String signInImport() {
        throw new UrlElicitationRequiredException("The import service needs a sign-in", List.of(ElicitationRequest
            .url("Sign in to the import service", "https://import.example/sign-in", "sign-in-1")));
    }

    @McpTool(name = "rejecting_import", task = TaskSupport.OPTIONAL, description = "Fails with a tool error")
    String rejectingImport() {
        throw new IllegalArgumentException("the file is not a CSV file");
    }

    @McpTool(name = "required_import", task = TaskSupport.REQUIRED, description = "Runs only as a task")
    String requiredImport() {
        return "done";
    }

    @McpTool(name = "plain", description = "Never a task")
    String plain() {
        return "plain answer";
    }

    @McpTool(name = "task_whoami", task = TaskSupport.OPTIONAL, description = "Says who called it")
    String whoami(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    @McpTool(name = "quick_async", description = "Answers later, but is already done")
    CompletableFuture<String> quickAsync() {
        return CompletableFuture.completedFuture("quick");
    }

    @McpTool(name = "slow_async", description = "Answers later, after a while")
    CompletableFuture<String> slowAsync(PeerHandle peer) {
        return CompletableFuture.supplyAsync(() -> {
            peer.progress(1, 2.0, "half way");
            return "slow";
        }, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
    }

    @McpTool(name = "ask_then_work", description = "Asks for a name within the call, then works on it in a task")
    CompletableFuture<CallToolResult> askThenWork(PeerHandle peer) {
        record Name(String name) {
        }
        String name = peer.withInputKey("name").elicit("Your name?", Name.class).content().name();
        return CompletableFuture.supplyAsync(() -> {
            // asked from the future's work: a question of the task
            record Confirm(boolean ok) {
            }
            boolean ok = peer.withInputKey("confirm").elicit("Greet " + name + "?", Confirm.class).content().ok();
            return CallToolResult.text(ok ? "Hello, " + name + "!" : "No greeting");
        }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
    }
}
