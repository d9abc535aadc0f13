package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.mcpspring.autoconfigure.McpServerAutoConfiguration;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.internal.SessionState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A page size below 1 must either be refused at startup with a message naming the property, or mean "no
 * paging"; it must not make every {@code tools/list} fail.
 */
class PageSizeConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class))
        .withBean("alphaTool", ToolSpecification.class, () -> tool("alpha"))
        .withBean("bravoTool", ToolSpecification.class, () -> tool("bravo"));

    @ParameterizedTest
    @ValueSource(ints = { 0, -1 })
    void aPageSizeBelowOneIsRefusedOrMeansNoPaging(int pageSize) {
        runner.withPropertyValues("mcp.server.page-size=" + pageSize).run(context -> {
            if (context.getStartupFailure() != null) {
                assertThat(messages(context.getStartupFailure())).containsIgnoringCase("page-size");
                return;
            }
            SessionState session = new SessionState(null, null);
            session.initialize("2025-11-25", null, null);
            JsonRpcMessage answer = context.getBean(McpServer.class)
                .handle(session, new JsonRpcMessage.Request(JsonNodeFactory.instance.numberNode(1), "tools/list",
                        null), new NoSink());
            assertThat(resultOf(context, answer).path("tools").size()).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 100 })
    void aPositivePageSizeWorks(int pageSize) {
        runner.withPropertyValues("mcp.server.page-size=" + pageSize).run(context -> {
            SessionState session = new SessionState(null, null);
            session.initialize("2025-11-25", null, null);
            JsonRpcMessage answer = context.getBean(McpServer.class)
                .handle(session, new JsonRpcMessage.Request(JsonNodeFactory.instance.numberNode(1), "tools/list",
                        null), new NoSink());
            JsonNode result = resultOf(context, answer);
            assertThat(result.path("tools").size()).isEqualTo(Math.min(pageSize, 2));
            assertThat(result.has("nextCursor")).isEqualTo(pageSize < 2);
        });
    }

    /** The result of a response as the client reads it (the server keeps it as the JSON it wrote). */
    private static JsonNode resultOf(ApplicationContext context, JsonRpcMessage answer) {
        assertThat(answer).isInstanceOf(JsonRpcMessage.Response.class);
        JsonRpcCodec codec = context.getBean(JsonRpcCodec.class);
        return codec.mapper().readTree(codec.write(((JsonRpcMessage.Response) answer).result()));
    }

    private static ToolSpecification tool(String name) {
        return TestTools.tool(name, "Tool " + name, TestTools.schema(null, null, false),
                invocation -> CallToolResult.text(name));
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** A request stream that takes nothing. */
    private static final class NoSink implements MessageSink {

        @Override
        public boolean send(JsonRpcMessage message) {
            return false;
        }

        @Override
        public boolean isOpen() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
