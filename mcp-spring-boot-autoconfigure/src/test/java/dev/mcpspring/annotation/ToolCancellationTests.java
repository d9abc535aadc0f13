package dev.mcpspring.annotation;

import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.server.McpPeerErrorException;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.mcpspring.annotation.TestTools.call;
import static dev.mcpspring.annotation.TestTools.errorText;
import static dev.mcpspring.annotation.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A tool that lets the {@link McpRequestCancelledException} of a cancelled wait on the client propagate (what
 * {@code PeerHandle} calls throw when the client cancels the request) has not failed: no warning, no stack trace;
 * nor has one that stops with whatever it throws once cancelled. One that refuses its input, or fails because the
 * client refused what it asked, is one line of warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class ToolCancellationTests {

    static class Tools {

        @McpTool(description = "Waits on the client, which cancels")
        String waitsOnTheClient() {
            throw new McpRequestCancelledException("The request was cancelled: the user pressed stop");
        }

        @McpTool(description = "Sleeps until it is interrupted")
        String sleeps() throws InterruptedException {
            throw new InterruptedException("sleep interrupted");
        }

        @McpTool(description = "Refuses what it is given")
        String refuses() {
            throw new IllegalArgumentException("Give at least one number");
        }

        @McpTool(description = "Asks the client, which refuses")
        String askedTheClient() {
            throw new McpPeerErrorException("sampling/createMessage", new JsonRpcError(-1, "User rejected sampling"));
        }

        @McpTool(description = "Fails")
        String fails() {
            throw new IllegalStateException("Weather service unreachable");
        }
    }

    @Test
    void aCancelledWaitIsNotLoggedAsAToolFailure(CapturedOutput output) {
        String text = errorText(call(tool(new Tools(), "waitsOnTheClient"), "{}"));

        assertThat(text).isEqualTo("Tool 'waitsOnTheClient' was cancelled: The request was cancelled: the user "
                + "pressed stop");
        assertThat(output.getAll()).doesNotContain("WARN").doesNotContain("McpRequestCancelledException");
    }

    @Test
    void whatACancelledToolThrowsAsItStopsIsNotLoggedAsAToolFailure(CapturedOutput output) {
        PeerHandle peer = mock(PeerHandle.class);
        when(peer.isCancelled()).thenReturn(true);
        McpRequestContext context = mock(McpRequestContext.class);
        when(context.peer()).thenReturn(peer);

        assertThat(errorText(call(tool(new Tools(), "sleeps"), "{}", context)))
            .isEqualTo("Tool 'sleeps' was cancelled");
        assertThat(output.getAll()).doesNotContain("WARN").doesNotContain("InterruptedException");
        Thread.interrupted(); // the tool's interrupt, restored for the caller
    }

    @Test
    void aRefusedInputIsOneLineOfWarningWithoutAStackTrace(CapturedOutput output) {
        String text = errorText(call(tool(new Tools(), "refuses"), "{}"));

        assertThat(text).isEqualTo("Tool 'refuses' failed: Give at least one number");
        assertThat(output.getAll()).contains("WARN").contains("refused its input: Give at least one number")
            .doesNotContain("\tat ");
    }

    @Test
    void aRefusalOfTheClientIsOneLineOfWarningWithoutAStackTrace(CapturedOutput output) {
        String text = errorText(call(tool(new Tools(), "askedTheClient"), "{}"));

        assertThat(text).contains("User rejected sampling");
        assertThat(output.getAll()).contains("WARN")
            .contains("failed on the client's answer: The client answered sampling/createMessage with error -1")
            .doesNotContain("\tat ");
    }

    @Test
    void aRealFailureIsStillLoggedAsAWarning(CapturedOutput output) {
        String text = errorText(call(tool(new Tools(), "fails"), "{}"));

        assertThat(text).isEqualTo("Tool 'fails' failed: Weather service unreachable");
        assertThat(output.getAll()).contains("WARN").contains("IllegalStateException");
    }
}
