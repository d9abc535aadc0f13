package dev.mcpspring.autoconfigure;

import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.mcpspring.annotation.AnnotatedToolRegistrar;
import dev.mcpspring.annotation.ElicitationSchemas;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.server.HandlerExecutors;
import dev.mcpspring.server.ElicitationSchemaGenerator;
import dev.mcpspring.server.McpPeers;
import dev.mcpspring.server.McpServer;
import dev.mcpspring.server.PeerSettings;
import dev.mcpspring.server.ServerIdentity;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.session.InMemorySessionManager;
import dev.mcpspring.session.SessionManager;

/**
 * Auto-configuration of the transport-independent MCP server: the protocol codec, the tool registry, the
 * dispatcher, the session manager and the executor handlers run on. Every bean backs off when the application
 * defines its own. {@link ToolSpecification} beans are registered as tools.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(McpServerProperties.class)
public class McpServerAutoConfiguration {

    /** Bean name of the executor MCP handlers run on. */
    public static final String HANDLER_EXECUTOR_BEAN_NAME = "mcpHandlerExecutor";

    @Bean
    @ConditionalOnMissingBean
    JsonRpcCodec mcpJsonRpcCodec() {
        return new JsonRpcCodec(McpJsonMapper.create());
    }

    @Bean
    @ConditionalOnMissingBean
    ToolRegistry mcpToolRegistry(ObjectProvider<ToolSpecification> toolSpecifications) {
        ToolRegistry registry = new ToolRegistry();
        toolSpecifications.orderedStream().forEach(registry::add);
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    @Lazy(false) // a lazy registrar would never run, and no annotated tool would be registered
    AnnotatedToolRegistrar mcpAnnotatedToolRegistrar(ToolRegistry registry, JsonRpcCodec codec) {
        return new AnnotatedToolRegistrar(registry, codec.mapper());
    }

    @Bean
    @ConditionalOnMissingBean
    ServerIdentity mcpServerIdentity(McpServerProperties properties, Environment environment) {
        String name = StringUtils.hasText(properties.getName()) ? properties.getName()
                : environment.getProperty("spring.application.name", "mcp-server");
        return new ServerIdentity(
                new Implementation(name, properties.getTitle(), properties.getVersion(), null, null, null),
                properties.getInstructions());
    }

    @Bean
    @ConditionalOnMissingBean
    ElicitationSchemaGenerator mcpElicitationSchemaGenerator(JsonRpcCodec codec) {
        return new ElicitationSchemas(codec.mapper());
    }

    @Bean
    @ConditionalOnMissingBean
    McpServer mcpServer(ServerIdentity identity, ToolRegistry tools, SessionManager sessions, JsonRpcCodec codec,
            ElicitationSchemaGenerator elicitationSchemas, McpServerProperties properties) {
        McpServerProperties.Peer peer = properties.getPeer();
        return new McpServer(identity, tools, sessions, codec, properties.getPageSize(),
                new PeerSettings(peer.getSamplingTimeout(), peer.getElicitationTimeout(), peer.getRequestTimeout()),
                elicitationSchemas);
    }

    @Bean
    @ConditionalOnMissingBean
    McpPeers mcpPeers(McpServer server) {
        return server.peers();
    }

    @Bean
    @ConditionalOnMissingBean
    SessionManager mcpSessionManager(McpServerProperties properties) {
        McpServerProperties.Session session = properties.getSession();
        return new InMemorySessionManager(session.getTimeout(), session.getMaxSessions(),
                session.getMaxQueuedMessages());
    }

    @Bean(name = HANDLER_EXECUTOR_BEAN_NAME, destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = HANDLER_EXECUTOR_BEAN_NAME)
    ExecutorService mcpHandlerExecutor(McpServerProperties properties) {
        return HandlerExecutors.create(properties.getExecutor().getMaxThreads(),
                properties.getExecutor().getQueueCapacity());
    }

    @Bean
    @ConditionalOnMissingBean
    SessionShutdown mcpSessionShutdown(SessionManager sessions) {
        return new SessionShutdown(sessions);
    }
}
