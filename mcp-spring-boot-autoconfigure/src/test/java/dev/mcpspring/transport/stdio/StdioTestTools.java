package dev.mcpspring.transport.stdio;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.server.PeerHandle;

/** Annotated tools for the stdio tests; the latches let a test see what happened inside a tool. */
public class StdioTestTools {

    /** Counted down when {@code wait_for_cancel} starts waiting. */
    final CountDownLatch waiting = new CountDownLatch(1);

    /** Counted down when {@code wait_for_cancel} learns it was cancelled. */
    final CountDownLatch cancelled = new CountDownLatch(1);

    /** Opened by a test to let {@code gate} answer. */
    final CountDownLatch gate = new CountDownLatch(1);

    @McpTool(name = "echo", description = "Returns the text")
    public String echo(String text) {
        return text;
    }

    @McpTool(name = "ask", description = "Asks the client's model and returns its answer")
    public String ask(String prompt, PeerHandle peer) {
        return "the model said: " + peer.sample(SamplingRequest.ofUserText(prompt, 50)).text();
    }

    @McpTool(name = "count", description = "Reports one progress step per count and logs, then answers")
    public String count(int steps, PeerHandle peer) {
        for (int step = 1; step <= steps; step++) {
            peer.progress(step, (double) steps, "step " + step);
        }
        peer.log(LoggingLevel.INFO, "count", "counted to " + steps);
        return "counted to " + steps;
    }

    @McpTool(name = "wait_for_cancel", description = "Waits until the client cancels the call")
    public String waitForCancel(PeerHandle peer) throws InterruptedException {
        peer.onCancel(cancelled::countDown);
        waiting.countDown();
        return cancelled.await(20, TimeUnit.SECONDS) ? "cancelled" : "never cancelled";
    }

    @McpTool(name = "gate", description = "Answers once the test opens the gate")
    public String gate() throws InterruptedException {
        return gate.await(20, TimeUnit.SECONDS) ? "passed" : "the gate stayed shut";
    }
}
