package dev.mcpspring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.redis.RedisEventStore;
import dev.mcpspring.session.redis.RedisSessionManager;

/**
 * Sessions shared by every instance through Redis, when {@code mcp.server.session.store=redis} and Spring Data
 * Redis is on the class path: a {@link RedisSessionManager} and a {@link RedisEventStore} on the application's
 * {@link RedisConnectionFactory} (configured with {@code spring.data.redis.*}). Either can be replaced by a bean of
 * one's own.
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
            JsonRpcCodec codec, RedisEventStore events, McpServerProperties properties) {
        McpServerProperties.Session session = properties.getSession();
        return new RedisSessionManager(connections, redis, codec, events, session.getRedis().getKeyPrefix(),
                session.getTimeout(), session.getMaxSessions(), session.getMaxQueuedMessages(),
                session.getRedis().getHeartbeat());
    }
}
