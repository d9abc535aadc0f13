package dev.mcpspring.conformance;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.node.ObjectNode;

/**
 * The diagnostic tools of {@code server-stateless} and {@code http-custom-header-server-validation}
 * (2026-07-28): what a handler needs from the client, what it logs, how the lists change, and a tool whose
 * arguments are mirrored into {@code Mcp-Param-*} headers.
 */
@Component
public class StatelessDiagnosticTools {

    private static final ObjectNode EMPTY_OBJECT_SCHEMA = McpJsonMapper.create().createObjectNode().put("type",
            "object");

    private final ToolRegistry tools;

    private final PromptRegistry prompts;

    private final AtomicInteger changes = new AtomicInteger();

    public StatelessDiagnosticTools(ToolRegistry tools, PromptRegistry prompts) {
        this.tools = tools;
        this.prompts = prompts;
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
        String name = "test_dynamic_tool";
        if (tools.remove(name)) {
            return "Removed " + name;
        }
        tools.add(new ToolSpecification(new Tool(name, null, "A tool added at run time", EMPTY_OBJECT_SCHEMA, null,
                null, null, null), invocation -> CallToolResult.text("dynamic")));
        return "Added " + name;
    }

    /** Adds a prompt (or removes the one it added before), so that prompts/list changes. */
    @McpTool(name = "test_trigger_prompt_change", description = "Adds or removes a prompt, changing prompts/list")
    public String triggerPromptChange() {
        String name = "test_dynamic_prompt";
        if (prompts.remove(name)) {
            return "Removed " + name;
        }
        prompts.add(new PromptSpecification(new Prompt(name, null, "A prompt added at run time", null, null, null),
                invocation -> GetPromptResult.of(PromptMessage.user("dynamic " + changes.incrementAndGet()))));
        return "Added " + name;
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
