package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.mcpspring.cluster.RedisServerProcess;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.redis.RedisEventStore;
import dev.mcpspring.session.redis.RedisSessionManager;
import dev.mcpspring.task.TaskStore;
import dev.mcpspring.task.redis.RedisTaskStore;

/**
 * The Redis session store's beans backing off for the application's own, on a real {@code redis-server} (the
 * session manager connects as it is created).
 */
class McpRedisSessionAutoConfigurationTests {

    private static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.launch();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    McpRedisSessionAutoConfiguration.class, McpServerAutoConfiguration.class))
            .withPropertyValues("mcp.server.session.store=redis", "spring.data.redis.host=127.0.0.1",
                    "spring.data.redis.port=" + redis.port());
    }

    @Test
    void theRedisStoreBacksOffForTheApplicationsOwnSessionManager() {
        runner().run(context -> {
            assertThat(context).hasBean("mcpRedisSessionManager");
            assertThat(context).getBean(SessionManager.class).isInstanceOf(RedisSessionManager.class);
        });
        SessionManager own = mock(SessionManager.class);
        runner().withBean(SessionManager.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("mcpRedisSessionManager");
            assertThat(context).getBean(SessionManager.class).isSameAs(own);
            assertThat(context).getBean(EventStore.class).isInstanceOf(RedisEventStore.class);
        });
    }

    @Test
    void theRedisEventStoreBacksOffForTheApplicationsOwnWhichTheSessionManagerUses() {
        runner().run(context -> {
            assertThat(context).hasBean("mcpRedisEventStore");
            assertThat(context).getBean(EventStore.class).isInstanceOf(RedisEventStore.class);
        });
        runner().withUserConfiguration(OwnRedisEventStore.class).run(context -> {
            assertThat(context).doesNotHaveBean("mcpRedisEventStore");
            assertThat(context).getBean(EventStore.class).isSameAs(context.getBean("ownEventStore"));
            assertThat(context).getBean(SessionManager.class).isInstanceOf(RedisSessionManager.class);
        });
    }

    @Test
    void anEventStoreOfTheApplicationsThatKeepsEventsElsewhereFailsStartUpSayingWhy() {
        runner().withBean(EventStore.class, () -> mock(EventStore.class))
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keeps every SSE event in Redis")
                .hasMessageContaining("Declare a RedisEventStore instead"));
    }

    @Test
    void theRedisTaskStoreTakesTheInMemoryOnesPlaceAndBacksOffForTheApplicationsOwn() {
        runner().run(context -> {
            assertThat(context).hasBean("mcpRedisTaskStore");
            assertThat(context).doesNotHaveBean("mcpTaskStore");
            assertThat(context).getBean(TaskStore.class).isInstanceOf(RedisTaskStore.class);
        });
        TaskStore own = mock(TaskStore.class);
        runner().withBean(TaskStore.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("mcpRedisTaskStore");
            assertThat(context).getBean(TaskStore.class).isSameAs(own);
        });
        runner().withPropertyValues("mcp.server.tasks.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(TaskStore.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRedisEventStore {

        @Bean
        RedisEventStore ownEventStore(StringRedisTemplate redis, JsonRpcCodec codec) {
            return new RedisEventStore(redis, "own:", codec, 10, Duration.ofMinutes(1), 2);
        }
    }
}
