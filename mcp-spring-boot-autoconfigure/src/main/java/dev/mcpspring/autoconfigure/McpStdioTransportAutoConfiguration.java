package dev.mcpspring.autoconfigure;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.transport.stdio.StdioStreams;
import dev.mcpspring.transport.stdio.StdioTransport;
import dev.mcpspring.transport.stdio.internal.DefaultStdioTransport;

/**
 * Exposes the MCP server over stdio when {@code mcp.server.transport.type=stdio}: the {@link StdioTransport} reads
 * the client's messages from standard input and writes its own to standard output ({@link StdioStreams}, which a
 * bean of the application's replaces). When the client closes the pipe, the application context closes, so the
 * process exits. Handlers run on the {@code mcpHandlerExecutor}, decorated by every
 * {@link McpTaskDecorator @McpTaskDecorator} bean, as over HTTP. {@link McpStdioEnvironmentPostProcessor} has
 * already turned the web server and the banner off and pointed the console log at standard error.
 */
@AutoConfiguration(after = McpServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "mcp.server.transport.type", havingValue = "stdio")
public class McpStdioTransportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StdioStreams mcpStdioStreams() {
        return StdioStreams.system();
    }

    @Bean
    @ConditionalOnMissingBean
    StdioTransport mcpStdioTransport(McpServer server, SessionManager sessions, JsonRpcCodec codec,
            @Qualifier(McpServerAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME) Executor executor,
            @McpTaskDecorator ObjectProvider<TaskDecorator> taskDecorators, McpServerProperties properties,
            StdioStreams streams, ApplicationContext context) {
        Executor decorated = McpTaskDecorators.decorate(executor, taskDecorators.orderedStream().toList());
        return new DefaultStdioTransport(server, sessions, codec, decorated,
                properties.getTransport().getMaxBodySize().toBytes(), streams, () -> close(context));
    }

    /**
     * Closes the application on a thread of its own that keeps the JVM alive until the close is done (the reader
     * thread that asks for it is a daemon, and the context's keep-alive thread ends as the close begins).
     */
    private static void close(ApplicationContext context) {
        if (context instanceof ConfigurableApplicationContext closeable) {
            new Thread(closeable::close, "mcp-stdio-shutdown").start();
        }
    }
}
