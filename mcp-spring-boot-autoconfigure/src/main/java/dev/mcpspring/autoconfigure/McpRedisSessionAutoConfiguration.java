package dev.mcpspring.autoconfigure;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.redis.RedisEventStore;
import dev.mcpspring.session.redis.RedisSessionManager;
import dev.mcpspring.task.TaskStore;
import dev.mcpspring.task.redis.RedisTaskStore;

/**
 * Sessions shared by every instance through Redis, when {@code mcp.server.session.store=redis} and Spring Data
 * Redis is on the class path: a {@link RedisSessionManager}, a {@link RedisEventStore} and a {@link RedisTaskStore}
 * on the application's {@link RedisConnectionFactory} (configured with {@code spring.data.redis.*}). Each can be
 * replaced by a bean of one's own; the Redis session manager needs its events in Redis, so an {@link EventStore} of
 * one's own beside it must be a {@link RedisEventStore}.
 */
@AutoConfiguration(before = McpServerAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
@ConditionalOnClass({ RedisConnectionFactory.class, StringRedisTemplate.class })
@ConditionalOnProperty(name = "mcp.server.session.store", havingValue = "redis")
@EnableConfigurationProperties(McpServerProperties.class)
public class McpRedisSessionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EventStore.class)
    RedisEventStore mcpRedisEventStore(StringRedisTemplate redis, JsonRpcCodec codec,
            McpServerProperties properties) {
        McpServerProperties.Sse.EventStore store = properties.getSse().getEventStore();
        return new RedisEventStore(redis, properties.getSession().getRedis().getKeyPrefix(), codec,
                store.getMaxEventsPerStream(), store.getTtl(), store.getMaxStreamsPerSession());
    }

    @Bean
    @ConditionalOnMissingBean(SessionManager.class)
    RedisSessionManager mcpRedisSessionManager(RedisConnectionFactory connections, StringRedisTemplate redis,
            JsonRpcCodec codec, EventStore events, McpServerProperties properties) {
        if (!(events instanceof RedisEventStore redisEvents)) {
            // a stream is resumed on whichever instance the client reaches: its events must be where all see them
            throw new IllegalStateException("mcp.server.session.store=redis keeps every SSE event in Redis, so that "
                    + "any instance resumes any stream, but the application's EventStore bean is a "
                    + events.getClass().getName() + ". Declare a RedisEventStore instead, or no EventStore bean "
                    + "to get the starter's");
        }
        McpServerProperties.Session session = properties.getSession();
        return new RedisSessionManager(connections, redis, codec, redisEvents, session.getRedis().getKeyPrefix(),
                session.getTimeout(), session.getMaxSessions(), session.getMaxQueuedMessages(),
                session.getRedis().getHeartbeat());
    }

    /**
     * Tasks on the same Redis as the sessions, so that any instance answers for any task and results outlive the
     * instance that ran them; unless the application has a {@link TaskStore} of its own or tasks are disabled.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(TaskStore.class)
    @ConditionalOnBooleanProperty(name = "mcp.server.tasks.enabled", matchIfMissing = true)
    RedisTaskStore mcpRedisTaskStore(RedisConnectionFactory connections, StringRedisTemplate redis,
            JsonRpcCodec codec, McpServerProperties properties) {
        RedisTaskStore store = new RedisTaskStore(connections, redis, codec.mapper(),
                properties.getSession().getRedis().getKeyPrefix());
        store.start();
        return store;
    }

    /**
     * While Redis is unreachable, Lettuce rejects commands at once instead of queueing them until it reconnects,
     * so an MCP request that needs Redis is answered 503 at once rather than after the command time-out.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "io.lettuce.core.ClientOptions",
            "org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer" })
    @ConditionalOnBooleanProperty(name = "mcp.server.session.redis.fail-fast", matchIfMissing = true)
    static class FailFastConfiguration {

        @Bean
        LettuceClientOptionsBuilderCustomizer mcpRedisFailFast() {
            return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }
    }
}
