package dev.mcpspring.conformance;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.conformance.DynamicLists.Kind;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.server.PeerHandle;

/**
 * The diagnostic tools of {@code server-stateless} and {@code http-custom-header-server-validation}
 * (2026-07-28): what a handler needs from the client, what it logs, how the lists change, and a tool whose
 * arguments are mirrored into {@code Mcp-Param-*} headers.
 */
@Component
public class StatelessDiagnosticTools {

    private final ListChanges changes;

    public StatelessDiagnosticTools(ListChanges changes) {
        this.changes = changes;
    }

    /** Needs sampling and does not handle its absence: a client that did not declare it gets -32021. */
    @McpTool(name = "test_missing_capability", description = "Asks the client's model a question; needs sampling")
    public String missingCapability(PeerHandle peer) {
        return peer.sampleText("Say hello", 20);
    }

    /** Reports progress, then asks the user: the question travels in the result, never as a request on the stream. */
    @McpTool(name = "test_streaming_elicitation", description = "Reports progress, then asks the user for a name")
    public String streamingElicitation(PeerHandle peer) {
        peer.progress(0.5, 1.0, "Asking the user");
        return String.valueOf(peer.elicit(ElicitationRequest.form("What is your name?",
                InputRequiredFixtures.schema("name", "string"))).content());
    }

    /** Logs at every level a request may ask for; a request that asked for none gets no log message. */
    @McpTool(name = "test_logging_tool", description = "Logs a message at info and at error level")
    public String loggingTool(PeerHandle peer) {
        peer.log(LoggingLevel.INFO, "conformance", "Logging tool ran");
        peer.log(LoggingLevel.ERROR, "conformance", "Logging tool reports an error");
        return "Logged two messages";
    }

    /** Adds a tool (or removes the one it added before), so that tools/list changes. */
    @McpTool(name = "test_trigger_tool_change", description = "Adds or removes a tool, changing tools/list")
    public String triggerToolChange() {
        return changes.toggle(Kind.TOOL);
    }

    /** Adds a prompt (or removes the one it added before), so that prompts/list changes. */
    @McpTool(name = "test_trigger_prompt_change", description = "Adds or removes a prompt, changing prompts/list")
    public String triggerPromptChange() {
        return changes.toggle(Kind.PROMPT);
    }

    /** Its region, priority and verbosity are mirrored into Mcp-Param-Region / -Priority / -Verbose headers. */
    @McpTool(name = "test_custom_headers", description = "Runs a query in a region; the region, priority and "
            + "verbosity travel as Mcp-Param headers too")
    public String customHeaders(@McpToolParam(description = "The region to run in", header = "Region") String region,
            @McpToolParam(description = "The priority", header = "Priority") int priority,
            @McpToolParam(description = "Whether to say more", header = "Verbose",
                    required = false) @Nullable Boolean verbose,
            @McpToolParam(description = "The query") String query) {
        return "Ran '" + query + "' in " + region + " at priority " + priority + (Boolean.TRUE.equals(verbose)
                ? " (verbose)" : "");
    }
}
