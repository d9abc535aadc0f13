package dev.mcpspring.session.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import tools.jackson.databind.ObjectMapper;

/**
 * The instances' messages to each other over Redis pub/sub: each listens on its own channel and on the broadcast
 * channel. Messages are handled one at a time, in the order they arrived, on one thread of their own (never on
 * the Redis client's I/O thread, so a handler may call Redis).
 */
final class ClusterBus implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(ClusterBus.class);

    private final StringRedisTemplate redis;

    private final RedisKeys keys;

    private final ObjectMapper mapper;

    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mcp-cluster-bus");
        thread.setDaemon(true);
        return thread;
    });

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

    ClusterBus(RedisConnectionFactory connections, StringRedisTemplate redis, RedisKeys keys, ObjectMapper mapper,
            String nodeId, Consumer<ClusterMessage> handler) {
        this.redis = redis;
        this.keys = keys;
        this.mapper = mapper;
        container.setConnectionFactory(connections);
        container.setTaskExecutor(dispatcher);
        container.addMessageListener((message, pattern) -> {
            ClusterMessage received;
            try {
                received = mapper.readValue(message.getBody(), ClusterMessage.class);
            }
            catch (RuntimeException ex) {
                logger.warn("Ignoring an unreadable MCP cluster message", ex);
                return;
            }
            if (nodeId.equals(received.from())
                    && keys.broadcastChannel().equals(new String(message.getChannel(), StandardCharsets.UTF_8))) {
                return; // this instance's own broadcast: it acted on it before publishing
            }
            try {
                handler.accept(received);
            }
            catch (RuntimeException ex) {
                logger.warn("Handling the MCP cluster message " + received.type() + " failed", ex);
            }
        }, List.of(new ChannelTopic(keys.channel(nodeId)), new ChannelTopic(keys.broadcastChannel())));
    }

    /** Starts listening; returns once the subscriptions are in place, so nothing sent to this instance is missed. */
    void start() {
        container.afterPropertiesSet();
        container.start();
    }

    /** Sends a message to one instance. */
    void send(String nodeId, ClusterMessage message) {
        redis.convertAndSend(keys.channel(nodeId), mapper.writeValueAsString(message));
    }

    /** Sends a message to every other instance. */
    void broadcast(ClusterMessage message) {
        redis.convertAndSend(keys.broadcastChannel(), mapper.writeValueAsString(message));
    }

    /** {@link #send}, logging instead of failing when Redis cannot be reached. */
    void sendQuietly(String nodeId, ClusterMessage message) {
        try {
            send(nodeId, message);
        }
        catch (RuntimeException ex) {
            logger.warn("Could not reach instance " + nodeId + " (" + message.type() + "): " + ex.getMessage());
        }
    }

    /** {@link #broadcast}, logging instead of failing when Redis cannot be reached. */
    void broadcastQuietly(ClusterMessage message) {
        try {
            broadcast(message);
        }
        catch (RuntimeException ex) {
            logger.warn("Could not tell the other instances (" + message.type() + "): " + ex.getMessage());
        }
    }

    /** The JSON of a message, for a Lua script that publishes it. */
    String json(ClusterMessage message) {
        return mapper.writeValueAsString(message);
    }

    @Override
    public void close() {
        try {
            container.stop();
            container.destroy();
        }
        catch (Exception ex) {
            logger.debug("Stopping the MCP cluster listener failed", ex);
        }
        dispatcher.shutdownNow();
    }
}
