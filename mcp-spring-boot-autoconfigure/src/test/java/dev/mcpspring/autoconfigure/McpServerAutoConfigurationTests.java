package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.mockito.Mockito.mock;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.mcpspring.annotation.internal.AnnotatedMethodRegistrar;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.CompletionRegistry;
import dev.mcpspring.server.ElicitationSchemaGenerator;
import dev.mcpspring.server.McpPeers;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ResourceUpdates;
import dev.mcpspring.server.ServerIdentity;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.internal.HandlerExecutors;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.InMemoryEventStore;
import dev.mcpspring.session.InMemorySessionManager;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.redis.RedisSessionManager;
import dev.mcpspring.task.TaskStore;
import tools.jackson.databind.json.JsonMapper;

/** The auto-configuration's defaults, its conditions, and every bean backing off for one of the application's. */
class McpServerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(McpRedisSessionAutoConfiguration.class,
                McpServerAutoConfiguration.class));

    @Test
    void byDefaultSessionsAndEventsLiveInMemory() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(McpServer.class);
            assertThat(context).getBean(SessionManager.class).isInstanceOf(InMemorySessionManager.class);
            assertThat(context).getBean(EventStore.class).isInstanceOf(InMemoryEventStore.class);
            assertThat(context).doesNotHaveBean(RedisSessionManager.class);
        });
    }

    @Test
    void theStartUpReportSaysWhichServerListensWhereWithWhat() {
        ToolSpecification echo = new ToolSpecification(new Tool("echo", null, "Echoes", JsonMapper.shared()
            .createObjectNode().put("type", "object"), null, null, null, null), invocation -> CallToolResult.of());
        runner.withPropertyValues("spring.application.name=weather", "mcp.server.version=2.1.0",
                "mcp.server.endpoint=/api/mcp")
            .withBean("echo", ToolSpecification.class, () -> echo)
            .run(context -> assertThat(context.getBean(McpStartupReport.class).line())
                .isEqualTo("MCP server 'weather' 2.1.0 on Streamable HTTP at /api/mcp: 1 tool, 0 resources, "
                        + "0 resource templates, 0 prompts; protocol revisions 2026-07-28, 2025-11-25, 2025-06-18, "
                        + "2025-03-26"));
    }

    @Test
    void theStartUpReportGivesThePathWithinTheServletContext() {
        runner.withPropertyValues("server.servlet.context-path=/app", "mcp.server.endpoint=/tools/mcp")
            .run(context -> assertThat(context.getBean(McpStartupReport.class).line())
                .contains(" on Streamable HTTP at /app/tools/mcp: "));
    }

    @Test
    void theWholeServerCanBeTurnedOff() {
        runner.withPropertyValues("mcp.server.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(McpServer.class)
                .doesNotHaveBean(SessionManager.class));
    }

    @Test
    void theRedisStoreWithoutSpringDataRedisFailsWithAMessageSayingWhatToAdd() {
        runner.withPropertyValues("mcp.server.session.store=redis")
            .withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("mcp.server.session.store=redis needs Spring Data Redis")
                .hasMessageContaining("spring-boot-starter-data-redis"));
    }

    /** Each bean method with a bean of the application's own of its type; the method's name is the bean's name. */
    static Stream<Arguments> replaceableBeans() {
        JsonRpcCodec codec = new JsonRpcCodec(McpJsonMapper.create());
        return Stream.of(
                replaceable("mcpJsonRpcCodec", JsonRpcCodec.class, () -> codec),
                replaceable("mcpToolRegistry", ToolRegistry.class, ToolRegistry::new),
                replaceable("mcpResourceRegistry", ResourceRegistry.class, ResourceRegistry::new),
                replaceable("mcpResourceTemplateRegistry", ResourceTemplateRegistry.class,
                        ResourceTemplateRegistry::new),
                replaceable("mcpPromptRegistry", PromptRegistry.class, PromptRegistry::new),
                replaceable("mcpCompletionRegistry", CompletionRegistry.class, CompletionRegistry::new),
                replaceable("mcpAnnotatedMethodRegistrar", AnnotatedMethodRegistrar.class,
                        () -> mock(AnnotatedMethodRegistrar.class)),
                replaceable("mcpServerIdentity", ServerIdentity.class,
                        () -> new ServerIdentity(new Implementation("own", "1.0"), null)),
                replaceable("mcpElicitationSchemaGenerator", ElicitationSchemaGenerator.class,
                        () -> mock(ElicitationSchemaGenerator.class)),
                replaceable("mcpServer", McpServer.class, () -> mock(McpServer.class)),
                replaceable("mcpPeers", McpPeers.class, () -> mock(McpPeers.class)),
                replaceable("mcpResourceUpdates", ResourceUpdates.class, () -> mock(ResourceUpdates.class)),
                replaceable("mcpEventStore", EventStore.class, () -> mock(EventStore.class)),
                replaceable("mcpSessionManager", SessionManager.class, () -> mock(SessionManager.class)),
                replaceable("mcpGracefulShutdown", McpGracefulShutdown.class, () -> mock(McpGracefulShutdown.class)),
                replaceable("mcpTaskStore", TaskStore.class, () -> mock(TaskStore.class)),
                replaceable("mcpStartupReport", McpStartupReport.class, () -> mock(McpStartupReport.class)));
    }

    private static <T> Arguments replaceable(String beanMethod, Class<T> type, Supplier<T> bean) {
        return Arguments.of(beanMethod, type, bean);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replaceableBeans")
    @SuppressWarnings({ "unchecked", "rawtypes" })
    void theApplicationsOwnBeanReplacesTheStartersOne(String beanMethod, Class type, Supplier bean) {
        runner.run(context -> assertThat(context).hasBean(beanMethod).hasSingleBean(type));
        Object own = bean.get();
        runner.withBean("own" + type.getSimpleName(), type, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean(beanMethod);
            assertThat(context).getBean(type).isSameAs(own);
        });
    }

    @Test
    void theHandlerExecutorBacksOffForABeanOfItsName() {
        String name = McpServerAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME;
        ExecutorService own = mock(ExecutorService.class);
        runner.run(context -> assertThat(context.getBean(name)).isInstanceOf(ExecutorService.class).isNotSameAs(own));
        runner.withBean(name, ExecutorService.class, () -> own)
            .run(context -> assertThat(context.getBean(name)).isSameAs(own));
    }

    @Test
    void handlersRunOnAPoolOfPlatformThreadsWhenVirtualThreadsAreTurnedOff() {
        runner.withPropertyValues("spring.threads.virtual.enabled=false")
            .run(context -> assertThat(context.getBean(McpServerAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME,
                    ExecutorService.class)).isInstanceOf(ThreadPoolExecutor.class));
    }

    @Test
    void handlersRunOnVirtualThreadsWhereTheJvmHasThem() {
        assumeThat(HandlerExecutors.virtualThreadsAvailable()).as("Java 21 or later").isTrue();
        runner.run(context -> assertThat(context.getBean(McpServerAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME,
                ExecutorService.class)).isNotInstanceOf(ThreadPoolExecutor.class));
    }
}
