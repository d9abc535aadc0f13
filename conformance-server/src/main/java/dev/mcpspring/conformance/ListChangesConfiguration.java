package dev.mcpspring.conformance;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** How the fixtures' changes to the lists reach the nodes: at once on one node, through Redis on several. */
@Configuration(proxyBeanMethods = false)
class ListChangesConfiguration {

    @Bean
    @ConditionalOnProperty(name = "mcp.server.session.store", havingValue = "redis")
    ListChanges clusterListChanges(DynamicLists lists, StringRedisTemplate redis, RedisConnectionFactory connections) {
        return new ClusterListChanges(lists, redis, connections);
    }

    @Bean
    @ConditionalOnExpression("'${mcp.server.session.store:memory}' != 'redis'")
    ListChanges localListChanges(DynamicLists lists) {
        return new LocalListChanges(lists);
    }
}
