package dev.mcpspring.resumption;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tools for the resumption tests:
 * <ul>
 * <li>{@code countdown(count, pauseMillis)}: one progress notification per step with a pause after each, then the
 * result {@code "counted to <count>"}</li>
 * <li>{@code poll_me(count)}: closes its stream's connection at once ({@code closeSseStream()}), then sends
 * {@code count} progress notifications and answers {@code "closed=<true|false>"}</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class ResumptionTools {

    @Bean
    SmartInitializingSingleton resumptionToolsRegistration(ToolRegistry registry) {
        return () -> {
            registry.add(new ToolSpecification(tool("countdown", "Counts with progress notifications"),
                    invocation -> {
                        int count = invocation.arguments().path("count").asInt();
                        long pause = invocation.arguments().path("pauseMillis").asLong(0);
                        for (int step = 1; step <= count; step++) {
                            invocation.context().peer().progress(step, (double) count, "tick " + step);
                            sleep(pause);
                        }
                        return CallToolResult.text("counted to " + count);
                    }));
            registry.add(new ToolSpecification(tool("poll_me", "Closes its connection, then reports progress"),
                    invocation -> {
                        boolean closed = invocation.context().closeSseStream();
                        int count = invocation.arguments().path("count").asInt(0);
                        for (int step = 1; step <= count; step++) {
                            invocation.context().peer().progress(step, (double) count, "after close " + step);
                            sleep(20);
                        }
                        return CallToolResult.text("closed=" + closed);
                    }));
        };
    }

    private static Tool tool(String name, String description) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        return new Tool(name, null, description, schema, null, null, null, null);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
