package dev.mcpspring.docs.tasks;

import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TypedElicitationResult;

@Component
class PipelineTools {

    private final CiServer ci;

    PipelineTools(CiServer ci) {
        this.ci = ci;
    }

    // tag::answers-later[]
    @McpTool(description = "Run the CI pipeline of a branch and report its outcome")
    CompletableFuture<String> runPipeline(String branch, PeerHandle peer) {
        if (branch.equals("main")) {
            record Confirm(boolean run) {}
            TypedElicitationResult<Confirm> answer = peer.elicit("Run the pipeline of main?", Confirm.class);
            if (!answer.isAccepted() || !answer.content().run()) {      // asked within the call, before any task
                return CompletableFuture.completedFuture("not started"); // already done: answered without a task
            }
        }
        return ci.run(branch).thenApply(run -> "pipeline " + run.id() + ": " + run.outcome());   // the task
    }
    // end::answers-later[]

    interface CiServer {

        CompletableFuture<PipelineRun> run(String branch);
    }

    record PipelineRun(String id, String outcome) {
    }
}
