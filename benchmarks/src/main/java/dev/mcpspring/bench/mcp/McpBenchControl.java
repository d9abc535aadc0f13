package dev.mcpspring.bench.mcp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.mcpspring.bench.control.BenchProtocol;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.SessionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Benchmark-only controls of the starter's server, on {@code /bench/*} (loopback only). */
@RestController
public class McpBenchControl {

    private final SessionManager sessions;

    private final ToolRegistry tools;

    private final JsonRpcCodec codec;

    private final AtomicInteger added = new AtomicInteger();

    McpBenchControl(SessionManager sessions, ToolRegistry tools, JsonRpcCodec codec) {
        this.sessions = sessions;
        this.tools = tools;
        this.codec = codec;
    }

    /**
     * Creates {@code n} initialized sessions straight through the {@link SessionManager}, with the client info and
     * capabilities bound from the same JSON as an HTTP {@code initialize} (fresh objects per session).
     */
    @PostMapping("/bench/sessions")
    public Map<String, Object> createSessions(@RequestParam int n) {
        for (int i = 0; i < n; i++) {
            JsonNode params = codec.mapper().readTree(BenchProtocol.INITIALIZE_PARAMS);
            McpSession session = sessions.create(null);
            session.initialize(BenchProtocol.VERSION, codec.bindParams(params.get("clientInfo"), Implementation.class),
                    codec.bindParams(params.get("capabilities"), ClientCapabilities.class));
        }
        return Map.of("sessions", sessions.sessionCount());
    }

    /**
     * Registers one more tool; the registry's change listener sends {@code notifications/tools/list_changed} to
     * every session (on its GET stream). Returns when that broadcast call returns.
     */
    @PostMapping("/bench/tools")
    public Map<String, Object> addTool() {
        String name = "added_" + added.incrementAndGet();
        ObjectNode schema = codec.mapper().createObjectNode().put("type", "object");
        long start = System.nanoTime();
        tools.add(new ToolSpecification(new Tool(name, null, "Added at run time", schema, null, null, null, null),
                invocation -> CallToolResult.text(name)));
        return Map.of("tool", name, "broadcastNanos", System.nanoTime() - start);
    }
}
