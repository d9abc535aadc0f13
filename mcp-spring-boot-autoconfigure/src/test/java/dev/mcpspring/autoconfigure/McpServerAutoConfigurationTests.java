package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.mockito.Mockito.mock;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.server.CompletionRegistry;
import dev.mcpspring.server.ElicitationSchemaGenerator;
import dev.mcpspring.server.McpRequestObserver;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.internal.HandlerExecutors;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.InMemoryEventStore;
import dev.mcpspring.session.InMemorySessionManager;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.redis.RedisEventStore;
import dev.mcpspring.session.redis.RedisSessionManager;
import dev.mcpspring.transport.StreamableHttpServlet;

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

    @Test
    void theRedisStoreBacksOffForTheApplicationsOwnSessionManager() {
        SessionManager own = mock(SessionManager.class);
        runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
            .withPropertyValues("mcp.server.session.store=redis")
            .withBean(SessionManager.class, () -> own)
            .run(context -> {
                assertThat(context).getBean(SessionManager.class).isSameAs(own);
                assertThat(context).doesNotHaveBean(RedisSessionManager.class);
                assertThat(context).getBean(EventStore.class).isInstanceOf(RedisEventStore.class);
            });
    }

    static Stream<Arguments> replaceableBeans() {
        JsonRpcCodec codec = new JsonRpcCodec(McpJsonMapper.create());
        return Stream.of(
                replaceable(JsonRpcCodec.class, () -> codec),
                replaceable(ToolRegistry.class, ToolRegistry::new),
                replaceable(ResourceRegistry.class, ResourceRegistry::new),
                replaceable(ResourceTemplateRegistry.class, ResourceTemplateRegistry::new),
                replaceable(PromptRegistry.class, PromptRegistry::new),
                replaceable(CompletionRegistry.class, CompletionRegistry::new),
                replaceable(ElicitationSchemaGenerator.class, () -> mock(ElicitationSchemaGenerator.class)),
                replaceable(EventStore.class, () -> mock(EventStore.class)),
                replaceable(SessionManager.class, () -> mock(SessionManager.class)));
    }

    private static <T> Arguments replaceable(Class<T> type, Supplier<T> bean) {
        return Arguments.of(type.getSimpleName(), type, bean);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replaceableBeans")
    @SuppressWarnings({ "unchecked", "rawtypes" })
    void theApplicationsOwnBeanReplacesTheStartersOne(String name, Class type, Supplier bean) {
        Object own = bean.get();
        runner.withBean(type, () -> own)
            .run(context -> assertThat(context).getBean(type).isSameAs(own));
    }

    @Test
    void inAServletApplicationTheEndpointIsRegisteredAndBacksOffForTheApplicationsOwn() {
        WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                McpServerAutoConfiguration.class, McpServletTransportAutoConfiguration.class));
        web.run(context -> assertThat(context).hasSingleBean(StreamableHttpServlet.class)
            .hasBean("mcpServletRegistration"));
        ServletRegistrationBean<HttpServlet> own = new ServletRegistrationBean<>(new HttpServlet() { }, "/mine");
        web.withBean("mcpServletRegistration", ServletRegistrationBean.class, () -> own)
            .run(context -> assertThat(context.getBean("mcpServletRegistration")).isSameAs(own));
        runner.withConfiguration(AutoConfigurations.of(McpServletTransportAutoConfiguration.class))
            .run(context -> assertThat(context).as("not a web application").doesNotHaveBean(StreamableHttpServlet.class));
    }

    @Test
    void theRequestObserverBacksOffForTheApplicationsOwn() {
        McpRequestObserver own = mock(McpRequestObserver.class);
        ApplicationContextRunner observed = runner
            .withConfiguration(AutoConfigurations.of(McpObservationAutoConfiguration.class));
        observed.run(context -> assertThat(context).hasSingleBean(McpRequestObserver.class));
        observed.withBean(McpRequestObserver.class, () -> own)
            .run(context -> assertThat(context).getBean(McpRequestObserver.class).isSameAs(own));
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
