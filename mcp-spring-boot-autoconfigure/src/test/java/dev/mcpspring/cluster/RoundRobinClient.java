package dev.mcpspring.cluster;

import java.net.URI;
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
 * RoundRobinClient client = nodes.roundRobin();
 * client.connect();                                   // initialize on node 0, notifications/initialized on node 1
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
        for (int i = 0; i < this.clients.size(); i++) {
            McpTestClient client = this.clients.get(i);
            for (long skipped = 0; skipped < i * IDS_PER_NODE; skipped++) {
                client.nextId();
            }
        }
    }

    /** A client of these MCP endpoints, one per node, with default settings and no session. */
    public static RoundRobinClient of(List<URI> endpoints) {
        return new RoundRobinClient(endpoints.stream().map(McpTestClient::create).toList());
    }

    /**
     * A client of these per-node clients (built with {@link McpTestClient#builder(URI)} for other settings); their
     * sessions are replaced by the shared one at {@link #initialize}.
     */
    public static RoundRobinClient of(McpTestClient... clients) {
        return new RoundRobinClient(List.of(clients));
    }

    /** The number of nodes. */
    public int size() {
        return clients.size();
    }

    /** The client of the node whose turn it is; the next call gives the following node's. */
    public McpTestClient next() {
        return clients.get(Math.floorMod(turn.getAndIncrement(), clients.size()));
    }

    /** The client of node {@code i}, without changing whose turn it is. */
    public McpTestClient on(int i) {
        return clients.get(i);
    }

    /** The index of the node {@link #next()} gives next. */
    public int nextNode() {
        return Math.floorMod(turn.get(), clients.size());
    }

    /** Sends {@code initialize} for the default protocol version (see {@link #initialize(String)}). */
    public McpResponse initialize() {
        return initialize(McpTestClient.DEFAULT_PROTOCOL_VERSION);
    }

    /**
     * Sends {@code initialize} to the next node; when it succeeds, every node's client sends its session id and
     * negotiated protocol version from then on.
     */
    public McpResponse initialize(String version) {
        McpTestClient initializing = next();
        McpResponse response = initializing.initialize(version);
        if (initializing.sessionId() != null) {
            share(initializing.sessionId(), initializing.protocolVersion());
        }
        return response;
    }

    /** {@link #connect(String)} with {@link McpTestClient#DEFAULT_PROTOCOL_VERSION}. */
    public McpResponse connect() {
        return connect(McpTestClient.DEFAULT_PROTOCOL_VERSION);
    }

    /**
     * {@link #initialize(String) Initializes} on the next node and sends {@code notifications/initialized} to the
     * node after it, failing unless the first answers with a result and the second with 202.
     *
     * @return the response to {@code initialize}
     */
    public McpResponse connect(String version) {
        McpResponse initialize = initialize(version);
        initialize.result();
        McpResponse initialized = next().notify("notifications/initialized", null);
        if (initialized.status() != 202) {
            throw new AssertionError("notifications/initialized was not accepted with 202: " + initialized);
        }
        return initialize;
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

    /** The protocol version the clients send, or {@code null}. */
    public String protocolVersion() {
        return clients.get(0).protocolVersion();
    }
}
