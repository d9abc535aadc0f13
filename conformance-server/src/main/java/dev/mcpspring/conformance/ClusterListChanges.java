package dev.mcpspring.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.mcpspring.conformance.DynamicLists.Kind;

/**
 * The changes of nodes that share their sessions through Redis: a change is published to every node, each makes it
 * in its own registries and counts itself done in Redis, and the fixture answers once all the nodes that received it
 * have made it, so that whichever node a client's next {@code tools/list} reaches gives the new list. (Each node's
 * change notifies the sessions as usual; a client may get the notification more than once.)
 */
class ClusterListChanges implements ListChanges, MessageListener, DisposableBean {

    private static final String CHANNEL = "mcp-conformance:list-changes";

    private static final Duration DONE_TIMEOUT = Duration.ofSeconds(5);

    private final DynamicLists lists;

    private final StringRedisTemplate redis;

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

    ClusterListChanges(DynamicLists lists, StringRedisTemplate redis, RedisConnectionFactory connections) {
        this.lists = lists;
        this.redis = redis;
        container.setConnectionFactory(connections);
        container.addMessageListener(this, new ChannelTopic(CHANNEL));
        container.afterPropertiesSet();
        container.start();
    }

    @Override
    public synchronized String toggle(Kind kind) {
        boolean add = !lists.isPresent(kind);
        String change = UUID.randomUUID().toString();
        Long nodes = redis.convertAndSend(CHANNEL, change + " " + kind.name() + " " + add);
        if (nodes == null || nodes == 0) {
            lists.set(kind, add); // not even this node listens yet (its subscription is still being made)
        }
        else {
            awaitDone(change, nodes);
        }
        return (add ? "Added " : "Removed ") + kind.itemName();
    }

    /** A change published by any node, this one included. */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        String[] change = new String(message.getBody(), StandardCharsets.UTF_8).split(" ");
        lists.set(Kind.valueOf(change[1]), Boolean.parseBoolean(change[2]));
        String done = doneKey(change[0]);
        redis.opsForValue().increment(done);
        redis.expire(done, Duration.ofMinutes(1));
    }

    private void awaitDone(String change, long nodes) {
        long deadline = System.nanoTime() + DONE_TIMEOUT.toNanos();
        long done = 0;
        while (System.nanoTime() < deadline) {
            String count = redis.opsForValue().get(doneKey(change));
            done = count == null ? 0 : Long.parseLong(count);
            if (done >= nodes) {
                return;
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Only " + done + " of " + nodes + " nodes made the change within "
                + DONE_TIMEOUT.toSeconds() + " s");
    }

    private static String doneKey(String change) {
        return "mcp-conformance:list-change-done:" + change;
    }

    @Override
    public void destroy() throws Exception {
        container.stop();
        container.destroy();
    }
}
