package dev.mcpspring.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.protocol.internal.VirtualThreads;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.ToolHandler;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tools registered programmatically (no annotations) for the transport tests:
 * <ul>
 * <li>{@code echo(text)}: returns the text</li>
 * <li>{@code whoami}: returns what the request context knows, as JSON text</li>
 * <li>{@code slow(millis)}: sleeps, then answers</li>
 * <li>{@code progress(steps, pauseMillis)}: sends one progress notification per step, then pauses, then
 * answers</li>
 * <li>{@code log(level, message)}: sends a log message before its result</li>
 * <li>{@code boom}: throws an unexpected exception</li>
 * <li>{@code reject}: throws a protocol error (-32602)</li>
 * <li>{@code gate(name)}: blocks until the test opens the gate of that name</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestTools {

    static final String BOOM_MESSAGE = "kaboom: the flux capacitor is offline";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

    @Bean
    SmartInitializingSingleton testToolsRegistration(ToolRegistry registry) {
        return () -> {
            registry.add(tool("echo", "Returns the text it is given", schema("text", "string", true),
                    invocation -> CallToolResult.text(invocation.arguments().path("text").asString())));
            registry.add(tool("whoami", "Describes the request", schema(null, null, false),
                    invocation -> CallToolResult.text(describe(invocation.context()))));
            registry.add(tool("slow", "Sleeps for millis milliseconds", schema("millis", "integer", true),
                    invocation -> {
                        sleep(invocation.arguments().path("millis").asLong());
                        return CallToolResult.text("slept");
                    }));
            registry.add(tool("progress", "Reports progress steps before answering",
                    schema("steps", "integer", true), invocation -> {
                        int steps = invocation.arguments().path("steps").asInt();
                        for (int step = 1; step <= steps; step++) {
                            invocation.context().peer().progress(step, (double) steps, "step " + step);
                        }
                        sleep(invocation.arguments().path("pauseMillis").asLong(0));
                        return CallToolResult.text("done after " + steps + " steps");
                    }));
            registry.add(tool("log", "Sends a log message before answering", schema("message", "string", true),
                    invocation -> {
                        LoggingLevel level = LoggingLevel
                            .fromWire(invocation.arguments().path("level").asString("info"));
                        invocation.context().peer().log(level, "test-logger",
                                Map.of("message", invocation.arguments().path("message").asString()));
                        return CallToolResult.text("logged");
                    }));
            registry.add(tool("boom", "Always fails", schema(null, null, false), invocation -> {
                throw new IllegalStateException(BOOM_MESSAGE);
            }));
            registry.add(tool("reject", "Refuses its arguments", schema(null, null, false), invocation -> {
                throw McpException.invalidParams("reject: the argument 'value' must be positive");
            }));
            registry.add(tool("gate", "Waits until the test opens a gate", schema("name", "string", true),
                    invocation -> {
                        Gate gate = gate(invocation.arguments().path("name").asString());
                        gate.entered.countDown();
                        try {
                            if (!gate.open.await(10, TimeUnit.SECONDS)) {
                                return CallToolResult.error("gate was never opened");
                            }
                        }
                        catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                        return CallToolResult.text("passed " + gate.name);
                    }));
        };
    }

    /** The gate of this name, created on first use. */
    static Gate gate(String name) {
        return GATES.computeIfAbsent(name, Gate::new);
    }

    static Tool tool(String name, String description, ObjectNode inputSchema) {
        return new Tool(name, null, description, inputSchema, null, null, null, null);
    }

    static ToolSpecification tool(String name, String description, ObjectNode inputSchema, ToolHandler handler) {
        return new ToolSpecification(tool(name, description, inputSchema), handler);
    }

    static ObjectNode schema(String property, String type, boolean required) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        if (property != null) {
            properties.putObject(property).put("type", type);
            if (required) {
                schema.putArray("required").add(property);
            }
        }
        return schema;
    }

    private static String describe(McpRequestContext context) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("sessionId", context.sessionId());
        description.put("protocolVersion", context.protocolVersion());
        description.put("requestId", context.requestId());
        description.put("method", context.method());
        description.put("progressToken", context.progressToken());
        description.put("clientName", context.clientInfo() == null ? null : context.clientInfo().name());
        description.put("thread", Thread.currentThread().getName());
        description.put("virtual", VirtualThreads.isVirtual(Thread.currentThread()));
        return JSON.writeValueAsString(description);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A latch pair a test uses to hold a tool call in flight: wait for {@code entered}, then open. */
    static final class Gate {

        final String name;

        final CountDownLatch entered = new CountDownLatch(1);

        final CountDownLatch open = new CountDownLatch(1);

        Gate(String name) {
            this.name = name;
        }

        void awaitEntered() throws InterruptedException {
            if (!entered.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("the gate tool '" + name + "' was not called within 5 s");
            }
        }

        void open() {
            open.countDown();
        }
    }
}
