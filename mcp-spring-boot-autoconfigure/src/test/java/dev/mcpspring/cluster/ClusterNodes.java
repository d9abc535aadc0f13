package dev.mcpspring.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.transport.McpTestApplication;
import dev.mcpspring.transport.TestTools;

/**
 * Several nodes of the standard test server ({@link McpTestApplication} with the {@link TestTools}, plus any
 * configuration classes the caller adds), each a Spring application context of its own in this JVM with its own
 * HTTP port, all sharing their sessions through one Redis ({@code mcp.server.session.store=redis}).
 * <p>
 * Every node gets {@code server.port=0} (a free port; kept across {@link #restart(int)}),
 * {@code server.shutdown=immediate} (so {@link #stop(int)} is a node going away, not draining), the Redis
 * settings, then the caller's properties, which win over these defaults.
 *
 * <pre>{@code
 * try (RedisServerProcess redis = RedisServerProcess.launch();
 *         ClusterNodes nodes = ClusterNodes.start(2, redis.port(), "mcp.server.transport.keep-alive-interval=150ms")) {
 *     RoundRobinClient client = nodes.roundRobin().connect("2025-11-25", Map.of()); // node 0, then node 1
 *     client.next().callTool("echo", Map.of("text", "hi")); // node 0
 *     nodes.stop(0);
 *     client.on(1).callTool("echo", Map.of("text", "hi"));  // the session lives on in node 1
 *     nodes.restart(0);                                    // same port as before
 * }
 * }</pre>
 */
public final class ClusterNodes implements AutoCloseable {

    private final int redisPort;

    private final List<Class<?>> configurations;

    private final List<String> properties;

    private final int[] ports;

    private final ConfigurableApplicationContext[] contexts;

    private ClusterNodes(int count, int redisPort, List<Class<?>> configurations, List<String> properties) {
        this.redisPort = redisPort;
        this.configurations = configurations;
        this.properties = properties;
        this.ports = new int[count];
        this.contexts = new ConfigurableApplicationContext[count];
    }

    /**
     * Starts {@code count} nodes one after the other, using the Redis on {@code 127.0.0.1:redisPort}.
     *
     * @param properties extra {@code key=value} properties for every node, overriding the defaults
     */
    public static ClusterNodes start(int count, int redisPort, String... properties) {
        return start(count, redisPort, List.of(), properties);
    }

    /**
     * {@link #start(int, int, String...)} with more configuration classes in every node, beside
     * {@link McpTestApplication} and {@link TestTools} (for example more tools).
     */
    public static ClusterNodes start(int count, int redisPort, List<Class<?>> configurations, String... properties) {
        if (count < 1) {
            throw new IllegalArgumentException("At least one node, not " + count);
        }
        ClusterNodes nodes = new ClusterNodes(count, redisPort, List.copyOf(configurations), List.of(properties));
        try {
            for (int i = 0; i < count; i++) {
                nodes.run(i, 0);
            }
        }
        catch (RuntimeException | Error ex) {
            nodes.close();
            throw ex;
        }
        return nodes;
    }

    /** The number of nodes, running or stopped. */
    public int size() {
        return ports.length;
    }

    /** The HTTP port of node {@code i} (the same after a restart). */
    public int port(int i) {
        return ports[i];
    }

    /** The MCP endpoint of node {@code i}. */
    public URI endpoint(int i) {
        return URI.create("http://localhost:" + ports[i] + "/mcp");
    }

    /** The application context of node {@code i}, for example to get a bean; fails when it is stopped. */
    public synchronized ConfigurableApplicationContext context(int i) {
        if (contexts[i] == null) {
            throw new IllegalStateException("Node " + i + " is stopped");
        }
        return contexts[i];
    }

    /** Whether node {@code i} is running. */
    public synchronized boolean isRunning(int i) {
        return contexts[i] != null;
    }

    /** Closes the context of node {@code i}: the node goes away and its port refuses connections. */
    public synchronized void stop(int i) {
        ConfigurableApplicationContext context = contexts[i];
        contexts[i] = null;
        if (context != null) {
            context.close();
        }
    }

    /** Starts node {@code i} again, on the port it had; stops it first if it is running. */
    public synchronized void restart(int i) {
        stop(i);
        run(i, ports[i]);
    }

    /** A client without session for node {@code i}. */
    public McpTestClient client(int i) {
        return McpTestClient.create(endpoint(i));
    }

    /** A client without session sending each request to the next node in turn. */
    public RoundRobinClient roundRobin() {
        List<URI> endpoints = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            endpoints.add(endpoint(i));
        }
        return RoundRobinClient.of(endpoints);
    }

    /** Stops every node still running. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (int i = 0; i < contexts.length; i++) {
            try {
                stop(i);
            }
            catch (RuntimeException ex) {
                if (failure == null) {
                    failure = ex;
                }
                else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder("ClusterNodes[");
        for (int i = 0; i < ports.length; i++) {
            text.append(i == 0 ? "" : ", ").append(i).append('@').append(ports[i])
                .append(contexts[i] == null ? " (stopped)" : "");
        }
        return text.append("; redis 127.0.0.1:").append(redisPort).append(']').toString();
    }

    private synchronized void run(int i, int port) {
        List<Class<?>> sources = new ArrayList<>(List.of(McpTestApplication.class, TestTools.class));
        sources.addAll(configurations);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
            .properties("server.port=" + port, "server.shutdown=immediate", "mcp.server.session.store=redis",
                    "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort)
            .properties(properties.toArray(String[]::new))
            .run();
        contexts[i] = context;
        ports[i] = ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
