package dev.mcpspring.cluster;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.transport.TestTools;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Tools of the cluster tests that call back into the client, beside the {@link TestTools}. */
@TestConfiguration(proxyBeanMethods = false)
public class ClusterTools {

    /** The URI of the resource clients subscribe to. */
    static final String NOTE = "notes://today";

    @Bean
    PeerCallingTools clusterPeerCallingTools(ToolRegistry registry) {
        return new PeerCallingTools(registry);
    }

    /** Each tool asks the client something and answers with what it said. */
    public static class PeerCallingTools {

        private final ToolRegistry registry;

        PeerCallingTools(ToolRegistry registry) {
            this.registry = registry;
        }

        @McpTool(description = "Asks the client's model and returns its answer")
        public String ask(String prompt, PeerHandle peer) {
            return peer.sample(SamplingRequest.ofUserText(prompt, 50)).text();
        }

        @McpTool(description = "Asks the user for their name")
        public String askName(PeerHandle peer) {
            ObjectNode form = JsonNodeFactory.instance.objectNode().put("type", "object");
            form.putObject("properties").putObject("name").put("type", "string");
            ElicitationResult result = peer.elicit(ElicitationRequest.form("What is your name?", form));
            return result.action().wireName() + " " + (result.content() == null ? "" : result.content().get("name"));
        }

        @McpTool(description = "Lists the client's roots")
        public String roots(PeerHandle peer) {
            return peer.listRoots().stream().map(root -> root.uri()).collect(Collectors.joining(","));
        }

        @McpTool(description = "Pings the client")
        public String pingClient(PeerHandle peer) {
            peer.ping();
            return "pong";
        }

        @McpTool(description = "Reports progress every everyMillis milliseconds, steps times, then answers")
        public String ticks(int steps, long everyMillis, PeerHandle peer) throws InterruptedException {
            for (int step = 1; step <= steps; step++) {
                peer.progress(step, steps, "tick " + step);
                Thread.sleep(everyMillis);
            }
            return "ticked " + steps;
        }

        @McpResource(uri = NOTE, description = "Today's note")
        public String note() {
            return "buy milk";
        }

        @McpTool(description = "Adds a tool on this instance, so every client hears tools/list_changed")
        public String addTool(String name) {
            ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
            registry.add(new ToolSpecification(new Tool(name, null, "Added at run time", schema, null, null, null, null),
                    invocation -> CallToolResult.text(name)));
            return "added " + name;
        }
    }

    static Map<String, Object> textResult(String text) {
        return Map.of("role", "assistant", "content", Map.of("type", "text", "text", text), "model", "test-model");
    }
}
