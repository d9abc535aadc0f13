package dev.mcpspring.bench.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The phase {@code observability}: what observing the starter costs. The same benchmark server ({@code mcp}) runs
 * four times at once: as built (no Micrometer registry, no tracer: the starter's observations go to the no-op
 * registry), with what an operator adds for metrics (Actuator and the Prometheus registry, put on its class path
 * with {@code -Dloader.path}; no tracer), the same without Spring's {@code http.server.requests} observation of
 * every HTTP request (so that the starter's own share shows), and with Micrometer Tracing on Brave as well, every
 * call sampled. Each answers JSON and SSE {@code tools/call} in alternating rounds; the report gives each figure and
 * the ratios to the server without them. After the rounds, the Prometheus scrape of every observed server must hold
 * the starter's
 * {@code mcp_server_operation_duration_seconds} for the tool called, and exactly the traced one has Brave's tracer.
 */
final class ObservabilityPhase {

    static final String WITHOUT = "starter, no Micrometer";

    static final String METRICS = "+ Actuator, Prometheus";

    /** Metrics without Spring's own observation of every HTTP request: what the starter's observations cost. */
    static final String MCP_ONLY = "+ Actuator, Prometheus, no http.server.requests";

    static final String TRACING = "+ Actuator, Prometheus, Brave tracing (all sampled)";

    /** Throughput with the libraries over without, at least: the target of issue 13. */
    static final double TARGET = 0.90;

    private final Options options;

    private final Path jar;

    private final Path script;

    private final Path logs;

    /** wrk results by "mode|connections|server". */
    private final Map<String, List<WrkLoad.Result>> rounds = new LinkedHashMap<>();

    private final StringBuilder csv = new StringBuilder(
            "round,mode,connections,server,requests,seconds,throughput,p50_us,p99_us,errors,server_cpu_us_per_req\n");

    private final StringBuilder notes = new StringBuilder();

    /** Records a JFR profile of a server under load ({@code --profile}). */
    interface Profiler {

        void profile(ServerProcess server, List<String> sessions, String label, String mode, int connections)
                throws Exception;
    }

    private final Profiler profiler;

    ObservabilityPhase(Options options, Path jar, Path script, Path logs, Profiler profiler) {
        this.profiler = profiler;
        this.options = options;
        this.jar = jar;
        this.script = script;
        this.logs = logs;
    }

    void run() throws Exception {
        List<String> expose = List.of("--management.endpoints.web.exposure.include=prometheus,beans");
        int maxConnections = options.connections.stream().mapToInt(Integer::intValue).max().orElse(64);
        try (ServerProcess without = start("mcp-plain", options.jvmFlags, List.of());
                ServerProcess metrics = start("mcp-metrics", withLibs("libs-metrics"), expose);
                ServerProcess mcpOnly = start("mcp-metrics-mcp-only", withLibs("libs-metrics"), concat(expose,
                        "--management.observations.enable.http.server.requests=false"));
                ServerProcess tracing = start("mcp-tracing", withLibs("libs"), concat(expose,
                        "--management.tracing.sampling.probability=1.0"))) {
            Map<String, ServerProcess> servers = new LinkedHashMap<>();
            servers.put(WITHOUT, without);
            servers.put(METRICS, metrics);
            servers.put(MCP_ONLY, mcpOnly);
            servers.put(TRACING, tracing);
            Map<String, List<String>> sessions = new LinkedHashMap<>();
            for (Map.Entry<String, ServerProcess> server : servers.entrySet()) {
                sessions.put(server.getKey(), McpClient.createSessions(server.getValue().port, maxConnections, 4));
            }
            Runner.log("observability warm-up: " + options.warmupSeconds + " s per server and answer kind");
            for (String mode : List.of("json", "sse")) {
                for (String server : servers.keySet()) {
                    WrkLoad.run(options.wrk, script, servers.get(server), options.wrkThreads, maxConnections,
                            options.warmupSeconds, mode, sessions.get(server));
                }
            }
            for (int round = 1; round <= options.rounds; round++) {
                for (int connections : options.connections) {
                    for (String mode : List.of("json", "sse")) {
                        List<String> order = new ArrayList<>(servers.keySet());
                        if (round % 2 == 0) { // alternate which goes first
                            Collections.reverse(order);
                        }
                        for (String server : order) {
                            WrkLoad.Result result = WrkLoad.run(options.wrk, script, servers.get(server),
                                    options.wrkThreads, connections, options.seconds, mode, sessions.get(server));
                            record(round, mode, connections, server, result);
                        }
                    }
                }
            }
            check(metrics, false);
            check(mcpOnly, false);
            check(tracing, true);
            if (options.profile) { // where observing costs: both calls with and without metrics
                int fewest = options.connections.get(0);
                for (String mode : List.of("json", "sse")) {
                    profiler.profile(without, sessions.get(WITHOUT), WITHOUT, mode, fewest);
                    profiler.profile(metrics, sessions.get(METRICS), METRICS, mode, fewest);
                }
            }
        }
    }

    /** The server's JVM flags with a directory of {@code observability-libs} on its class path. */
    private List<String> withLibs(String directory) {
        Path libs = options.root.resolve("benchmarks/observability-libs/target").resolve(directory);
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException(libs + " is missing: build with mvn -q -DskipTests -Pbenchmarks package");
        }
        List<String> flags = new ArrayList<>(options.jvmFlags);
        flags.add("-Dloader.path=" + libs);
        return flags;
    }

    private ServerProcess start(String name, List<String> jvmFlags, List<String> args) throws Exception {
        List<String> all = new ArrayList<>();
        all.add("mcp");
        all.addAll(args);
        ServerProcess server = ServerProcess.start(name, options.java, jvmFlags, jar, all, logs);
        server.awaitInitialize(Duration.ofSeconds(120));
        return server;
    }

    /**
     * The observed server really observed the calls: its scrape holds the starter's operation duration of
     * {@code echo}, and it has Brave's tracer exactly when it should.
     */
    private void check(ServerProcess server, boolean traced) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String scrape = get(http, server, "/actuator/prometheus");
        String count = scrape.lines()
            .filter(line -> line.startsWith("mcp_server_operation_duration_seconds_count")
                    && line.contains("gen_ai_tool_name=\"echo\""))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(server.name + ": no mcp_server_operation_duration_seconds "
                    + "of echo in its Prometheus scrape"));
        boolean hasTracer = get(http, server, "/actuator/beans").contains("\"braveTracer\"");
        if (traced != hasTracer) {
            throw new IllegalStateException(server.name + (traced ? " has no Brave tracer" : " has a tracer"));
        }
        notes.append(Stats.fmt("- observability: %s after the rounds: `%s`; Brave tracer bean %s%n", server.name,
                count.length() > 160 ? count.substring(0, 160) + "..." : count, hasTracer ? "present" : "absent"));
    }

    private static String get(HttpClient http, ServerProcess server, String path)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port + path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(server.name + ": GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private void record(int round, String mode, int connections, String server, WrkLoad.Result result) {
        rounds.computeIfAbsent(mode + "|" + connections + "|" + server, key -> new ArrayList<>()).add(result);
        csv.append(Stats.fmt("%d,%s,%d,%s,%d,%.3f,%.1f,%.0f,%.0f,%d,%.2f%n", round, mode, connections, server,
                result.requests(), result.seconds(), result.throughput(), result.p50Micros(), result.p99Micros(),
                result.errors(), result.serverCpuMicrosPerRequest()));
        Runner.log(Stats.fmt("observability round %d %-4s c=%-3d %-52s %9.0f req/s  p99 %6.2f ms  cpu %6.1f us/req"
                + "  errors %d", round, mode, connections, server, result.throughput(), result.p99Micros() / 1000,
                result.serverCpuMicrosPerRequest(), result.errors()));
    }

    String notes() {
        return notes.toString();
    }

    /** The raw rounds as CSV, or an empty string when none ran. */
    String csv() {
        return rounds.isEmpty() ? "" : csv.toString();
    }

    /** The report's section, or an empty string when the phase measured nothing. */
    String report() {
        if (rounds.isEmpty()) {
            return "";
        }
        StringBuilder r = new StringBuilder();
        r.append(Stats.fmt("### Observability: the starter without Micrometer, with metrics (with and without "
                + "Spring's http.server.requests), with metrics and tracing (tools/call `echo`; %d alternating rounds of %d s after %d s warm-up; median "
                + "[min–max])%n%n", options.rounds, options.seconds, options.warmupSeconds));
        r.append("| answer | conns | server | tools/call/s | p50 ms | p99 ms | server CPU µs/call | errors |\n");
        r.append("|---|---|---|---|---|---|---|---|\n");
        List<String> verdicts = new ArrayList<>();
        for (String mode : List.of("json", "sse")) {
            for (int connections : options.connections) {
                for (String server : List.of(WITHOUT, METRICS, MCP_ONLY, TRACING)) {
                    List<WrkLoad.Result> results = rounds.get(mode + "|" + connections + "|" + server);
                    r.append(Stats.fmt("| %s | %d | %s | %s | %s | %s | %s | %d |%n", answer(mode), connections,
                            server, Stats.range(values(results, WrkLoad.Result::throughput), "%,.0f"),
                            Stats.range(values(results, WrkLoad.Result::p50Micros), "%.2f", v -> v / 1000),
                            Stats.range(values(results, WrkLoad.Result::p99Micros), "%.2f", v -> v / 1000),
                            Stats.range(values(results, WrkLoad.Result::serverCpuMicrosPerRequest), "%.0f"),
                            results.stream().mapToLong(WrkLoad.Result::errors).sum()));
                }
                for (String server : List.of(METRICS, MCP_ONLY, TRACING)) {
                    double throughput = ratio(mode, connections, server, WrkLoad.Result::throughput);
                    double cpu = ratio(mode, connections, server, WrkLoad.Result::serverCpuMicrosPerRequest);
                    r.append(Stats.fmt("| %s | %d | **%s / without** | **%.2f** | | | **%.2f** | |%n", answer(mode),
                            connections, server, throughput, cpu));
                    verdicts.add(Stats.fmt("| %s throughput, %s, %d connections: ≥ %.2f × without | %.2f | %s |",
                            server, answer(mode), connections, TARGET, throughput,
                            throughput >= TARGET ? "met" : "**missed**"));
                }
            }
        }
        r.append("\nRatio rows: the observed server's median over the median of the server without Micrometer "
                + "(calls/s: below 1 is the share of throughput observation costs; CPU per call: above 1 is what "
                + "it adds).\n\n| target | measured | status |\n|---|---|---|\n");
        verdicts.forEach(verdict -> r.append(verdict).append('\n'));
        r.append('\n');
        return r.toString();
    }

    private double ratio(String mode, int connections, String server, ToDoubleFunction<WrkLoad.Result> figure) {
        return Stats.median(values(rounds.get(mode + "|" + connections + "|" + server), figure))
                / Stats.median(values(rounds.get(mode + "|" + connections + "|" + WITHOUT), figure));
    }

    private static String answer(String mode) {
        return mode.equals("json") ? "JSON" : "SSE (1 progress)";
    }

    private static List<Double> values(List<WrkLoad.Result> results, ToDoubleFunction<WrkLoad.Result> figure) {
        return results.stream().map(figure::applyAsDouble).toList();
    }

    private static List<String> concat(List<String> first, String more) {
        List<String> all = new ArrayList<>(first);
        all.add(more);
        return all;
    }
}
