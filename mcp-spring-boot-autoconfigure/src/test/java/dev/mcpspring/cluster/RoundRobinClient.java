package dev.mcpspring.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;

/**
 * One MCP session spread over several nodes, the way a load balancer without stickiness spreads it: one
 * {@link McpTestClient} per node, all sending the same session id and protocol version once
 * {@link #initialize} has run on one of them. {@link #next()} hands out the clients in turn (node 0, 1, ...,
 * 0, ...), so each request a test sends through it reaches another node than the one before; {@link #on(int)}
 * picks a node.
 * <p>
 * The clients number their requests apart, so that ids never repeat within the session: node {@code i}'s client
 * uses {@code i * 1_000_000 + 1}, {@code + 2}, ... Anything else a client does (answers with {@code respond},
 * {@code cancel}, {@code openStream}, {@code deleteSession}, {@code startToolCall}) is its own
 * {@link McpTestClient} call.
 *
 * <pre>{@code
 * RoundRobinClient client = nodes.roundRobin().connect("2025-11-25", Map.of()); // node 0, then node 1
 * OpenRequest call = client.next().startToolCall("gate", Map.of("name", "g")); // node 0
 * client.next().cancel(call.id(), "enough");          // node 1
 * }</pre>
 */
public final class RoundRobinClient {

    /** How far apart the request ids of two nodes' clients start. */
    static final long IDS_PER_NODE = 1_000_000;

    private final List<McpTestClient> clients;

    private final AtomicInteger turn = new AtomicInteger();

    private RoundRobinClient(List<McpTestClient> clients) {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("At least one node");
        }
        this.clients = List.copyOf(clients);
    }

    /** A client of these MCP endpoints, one per node, with default settings and no session. */
    public static RoundRobinClient of(List<URI> endpoints) {
        List<McpTestClient> clients = new ArrayList<>(endpoints.size());
        for (int i = 0; i < endpoints.size(); i++) {
            clients.add(McpTestClient.builder(endpoints.get(i)).firstRequestId(i * IDS_PER_NODE + 1).build());
        }
        return new RoundRobinClient(clients);
    }

    /** The client of the node whose turn it is; the next call gives the following node's. */
    public McpTestClient next() {
        return clients.get(Math.floorMod(turn.getAndIncrement(), clients.size()));
    }

    /** The client of node {@code i}, without changing whose turn it is. */
    public McpTestClient on(int i) {
        return clients.get(i);
    }

    /**
     * Starts a session: {@code initialize} with these capabilities on the next node, then
     * {@code notifications/initialized} on the node after it; from then on every node's client sends the session's
     * id and protocol version.
     *
     * @return this client
     */
    public RoundRobinClient connect(String version, Object capabilities) {
        McpTestClient initializing = next();
        initializing.initialize(version, capabilities).result();
        share(initializing.sessionId(), initializing.protocolVersion());
        McpResponse initialized = next().notify("notifications/initialized", null);
        if (initialized.status() != 202) {
            throw new AssertionError("notifications/initialized was not accepted with 202: " + initialized);
        }
        return this;
    }

    /** Makes every node's client send this session id and protocol version ({@code null} to send none). */
    public RoundRobinClient share(String sessionId, String protocolVersion) {
        for (McpTestClient client : clients) {
            client.sessionId(sessionId).protocolVersion(protocolVersion);
        }
        return this;
    }

    /** The session id the clients send, or {@code null}. */
    public String sessionId() {
        return clients.get(0).sessionId();
    }
}
