package dev.mcpspring.test.app;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.TypedElicitationResult;
import dev.mcpspring.task.TaskSupport;
import tools.jackson.databind.node.ObjectNode;

/** Tools that exercise every part of the test client. */
@Component
public class KitTools {

    private final ToolRegistry tools;

    /** How often {@code report} ran: a task runs its tool once, a 2026-07-28 call again for each answer. */
    public final AtomicInteger reportRuns = new AtomicInteger();

    KitTools(ToolRegistry tools) {
        this.tools = tools;
    }

    /** A forecast, as structured content. */
    public record Forecast(String city, int celsius) {
    }

    /** What a user confirms. */
    public record Confirmation(boolean proceed) {
    }

    @McpTool(description = "Echoes the text")
    public String echo(@McpToolParam(description = "the text") String text) {
        return text;
    }

    @McpTool(description = "The forecast of a city")
    public Forecast forecast(@McpToolParam(description = "the city") String city) {
        return new Forecast(city, 21);
    }

    @McpTool(description = "Always fails")
    public String broken() {
        throw new IllegalStateException("the weather service is down");
    }

    @McpTool(description = "Counts down, reporting progress and logging")
    public String countdown(@McpToolParam(description = "where to start") int from, PeerHandle peer) {
        for (int i = from; i > 0; i--) {
            peer.progress(from - i + 1, (double) from, "at " + i);
        }
        peer.log(LoggingLevel.INFO, "countdown", "lift-off");
        return "lift-off";
    }

    @McpTool(description = "Takes its time, after a first progress report when asked for one")
    public String slow(@McpToolParam(description = "how long, in milliseconds") long millis,
            @McpToolParam(description = "whether to report progress first") boolean progressFirst, PeerHandle peer)
            throws InterruptedException {
        if (progressFirst) {
            peer.progress(0, 1.0, "started");
        }
        Thread.sleep(millis);
        return "done";
    }

    @McpTool(description = "Asks the client's model")
    public String ask(@McpToolParam(description = "the question") String question, PeerHandle peer) {
        return "the model says: " + peer.sampleText(question, 100);
    }

    @McpTool(description = "Asks the user to confirm")
    public String confirm(PeerHandle peer) {
        TypedElicitationResult<Confirmation> answer = peer.elicit("Proceed?", Confirmation.class);
        return answer.isAccepted() && answer.content().proceed() ? "confirmed" : "not confirmed";
    }

    @McpTool(description = "Writes a report once the user confirms", task = TaskSupport.OPTIONAL)
    public String report(@McpToolParam(description = "the title") String title, PeerHandle peer) {
        reportRuns.incrementAndGet();
        if ("-".equals(title)) {
            throw new McpException(ErrorCodes.INVALID_PARAMS, "a report needs a title");
        }
        return "report " + title + ": " + confirm(peer);
    }

    @McpTool(description = "Lists the client's roots")
    public String roots(PeerHandle peer) {
        return peer.listRoots().stream().map(Root::uri).collect(Collectors.joining(","));
    }

    @McpTool(description = "Adds a tool, which changes the tool list")
    public String addTool(@McpToolParam(description = "the new tool's name") String name) {
        ObjectNode schema = McpJsonMapper.create().createObjectNode().put("type", "object");
        tools.add(new ToolSpecification(new Tool(name, null, "Added at run time", schema, null, null, null, null),
                invocation -> CallToolResult.text("I am " + name)));
        return "added " + name;
    }

    @McpTool(description = "Says which capabilities the client declared")
    public Map<String, Boolean> support(PeerHandle peer) {
        return Map.of("sampling", peer.clientSupport().sampling(), "elicitation",
                peer.clientSupport().formElicitation(), "roots", peer.clientSupport().roots());
    }
}
