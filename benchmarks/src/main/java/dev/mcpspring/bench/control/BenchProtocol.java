package dev.mcpspring.bench.control;

/** What the benchmark's clients send, shared by the runner and the server-side direct session path. */
public final class BenchProtocol {

    public static final String VERSION = "2025-11-25";

    /**
     * The {@code initialize} params every benchmark client sends: a client that declares roots and sampling, as
     * desktop clients do.
     */
    public static final String INITIALIZE_PARAMS = "{\"protocolVersion\":\"" + VERSION + "\",\"capabilities\":{"
            + "\"roots\":{\"listChanged\":true},\"sampling\":{}},\"clientInfo\":{\"name\":\"bench-client\","
            + "\"version\":\"1.0.0\"}}";

    /** The stateless revision: no session, the version and the client in every request's {@code _meta}. */
    public static final String STATELESS_VERSION = "2026-07-28";

    /**
     * The {@code _meta} of every stateless (2026-07-28) request of the benchmark; the wrk script sends the same
     * bytes.
     */
    public static final String STATELESS_META = "{\"io.modelcontextprotocol/protocolVersion\":\""
            + STATELESS_VERSION + "\",\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}";

    private BenchProtocol() {
    }
}
