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

    private BenchProtocol() {
    }
}
