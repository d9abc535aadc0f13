package dev.mcpspring.bench.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * Starts the bare Spring MVC server, the starter's server and the Quarkus MCP comparison server as separate JVMs
 * with the same flags, loads them alternately with wrk, runs the in-project measurements (sampling round trip,
 * idle-session heap, open GET streams, start-up) and the cluster comparison ({@link ClusterPhase}), and prints one
 * markdown report.
 */
public final class Runner {

    private static final String BARE = "bare MVC";

    private static final String MCP = "starter";

    /** The starter answering 2026-07-28 stateless requests (no session); the report's and the CSV's label. */
    private static final String MCP_STATELESS = "starter 2026-07-28 stateless";

    /** The Quarkus MCP comparison server (benchmarks/quarkus-server, a fast-jar). */
    private static final String QUARKUS = "Quarkus MCP";

    /** Where the Quarkus comparison server's fast-jar is built, under the repository root. */
    private static final String QUARKUS_JAR = "benchmarks/quarkus-server/target/quarkus-app/quarkus-run.jar";

    private final Options options;

    private final Path jar;

    private final Path out;

    private final Path logs;

    private final Path script;

    private final StringBuilder notes = new StringBuilder();

    /** wrk results by "mode|connections|server". */
    private final Map<String, List<WrkLoad.Result>> rounds = new LinkedHashMap<>();

    private final StringBuilder roundsCsv = new StringBuilder(
            "round,mode,connections,server,requests,seconds,throughput,p50_us,p99_us,errors,server_cpu_us_per_req,wrk_cores\n");

    private final Map<String, List<Double>> sampling = new LinkedHashMap<>();

    private final List<String[]> sessionRows = new ArrayList<>();

    private final Map<String, Double> sessionBytes = new LinkedHashMap<>();

    private final Map<String, String> streamRows = new LinkedHashMap<>();

    private final List<Double> broadcastMillis = new ArrayList<>();

    private int streamThreadDelta = Integer.MIN_VALUE;

    private int streamsOpened = -1;

    private boolean broadcastsComplete = true;

    private final Map<String, List<Double>> startups = new LinkedHashMap<>();

    private final StringBuilder profiles = new StringBuilder();

    private final StringBuilder histograms = new StringBuilder();

    private String serverJavaVersion = "?";

    private final ClusterPhase cluster;

    private final ObservabilityPhase observability;

    private final SideBySide sideBySide = new SideBySide();

    /** The Quarkus comparison server's {@code quarkus-run.jar}. */
    private final Path quarkusJar;

    /** "quarkus-mcp-server X on Quarkus Y", read from the fast-jar's library names. */
    private final String quarkusVersions;

    private Runner(Options options) throws IOException {
        this.options = options;
        this.jar = benchmarkJar();
        Path root = options.root != null ? options.root : jar.toAbsolutePath().getParent().getParent().getParent();
        options.root = root;
        this.out = options.out != null ? options.out : root.resolve("benchmarks/target/bench-results");
        Files.createDirectories(out);
        this.logs = out.resolve("logs");
        Files.createDirectories(logs);
        this.script = out.resolve("tools-call.lua");
        try (InputStream lua = Runner.class.getResourceAsStream("/bench/tools-call.lua")) {
            Files.write(script, lua.readAllBytes());
        }
        this.cluster = new ClusterPhase(options, jar, script, out, logs);
        this.observability = new ObservabilityPhase(options, jar, script, logs, this::profile);
        this.quarkusJar = root.resolve(QUARKUS_JAR);
        this.quarkusVersions = quarkusVersions(quarkusJar);
        if (options.quarkus && (options.phases.contains("throughput") || options.phases.contains("startup"))
                && !Files.isRegularFile(quarkusJar)) {
            throw new IOException(quarkusJar + " is missing: build it with mvn -q -DskipTests -Pbenchmarks package, "
                    + "or leave Quarkus out with --no-quarkus");
        }
    }

    public static int run(String[] args) throws Exception {
        Options options = Options.parse(args);
        Runner runner = new Runner(options);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(options.quick ? 30 : 120));
                System.err.println("benchmark: watchdog time-out; stopping");
                System.exit(3);
            }
            catch (InterruptedException ex) {
                // finished in time
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status = runner.runAll();
        watchdog.interrupt();
        return status;
    }

    private int runAll() throws Exception {
        String loadBefore = loadAverage();
        long began = System.nanoTime();
        serverJavaVersion = javaVersion();
        log("servers run on " + serverJavaVersion + " with " + String.join(" ", options.jvmFlags));
        if (options.quarkus) {
            log("Quarkus comparison server: " + quarkusVersions + " (" + quarkusJar + ")");
        }
        log("results and logs in " + out);
        int status = 0;
        try {
            if (options.phases.contains("throughput") || options.phases.contains("stateless")
                    || options.phases.contains("sampling") || options.profile) {
                throughputAndSampling();
            }
            if (options.phases.contains("observability")) {
                observability.run();
            }
            if (options.phases.contains("cluster")) {
                cluster.run();
            }
            if (options.phases.contains("sessions")) {
                sessions();
            }
            if (options.phases.contains("streams")) {
                streams();
            }
            if (options.phases.contains("startup")) {
                startup();
            }
        }
        catch (Exception ex) {
            status = 1;
            notes.append("\n**The run failed:** ").append(ex).append('\n');
            ex.printStackTrace();
        }
        String report = report(loadBefore, loadAverage(), Duration.ofNanos(System.nanoTime() - began));
        System.out.println();
        System.out.println(report);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.writeString(out.resolve("results-" + stamp + ".md"), report);
        Files.writeString(out.resolve("rounds-" + stamp + ".csv"), roundsCsv);
        if (!observability.csv().isEmpty()) {
            Files.writeString(out.resolve("observability-rounds-" + stamp + ".csv"), observability.csv());
        }
        if (!cluster.csv().isEmpty()) {
            Files.writeString(out.resolve("cluster-rounds-" + stamp + ".csv"), cluster.csv());
        }
        if (!profiles.isEmpty()) {
            Files.writeString(out.resolve("profile-" + stamp + ".txt"), profiles);
        }
        log("written: " + out.resolve("results-" + stamp + ".md"));
        return status;
    }

    // ---------------------------------------------------------------- throughput, latency, CPU; sampling; JFR

    /** One kind of wrk load: which server (by its label in the report) and the Lua script's mode. */
    private record Load(String server, String mode) {

        /** The row group of the report and the rounds' key: the stateless call is a JSON answer too. */
        String answer() {
            return mode.equals("stateless") ? "json" : mode;
        }
    }

    private void throughputAndSampling() throws Exception {
        int maxConnections = options.connections.stream().mapToInt(Integer::intValue).max().orElse(64);
        boolean throughput = options.phases.contains("throughput");
        boolean stateless = options.phases.contains("stateless");
        // --profile records the two servers' JSON and SSE calls unless only the stateless phase loads servers
        boolean profileBoth = options.profile && (throughput || !stateless);
        boolean withQuarkus = options.quarkus && (throughput || profileBoth);
        // --container-defaults: the Spring servers on Tomcat's defaults (Quarkus always runs on its own)
        List<String> springArgs = new ArrayList<>(options.containerDefaults ? Options.TOMCAT_DEFAULTS : List.of());
        if (options.virtualThreads) {
            springArgs.add("--spring.threads.virtual.enabled=true");
        }
        try (ServerProcess bare = throughput || profileBoth ? startBench("bare", options.jvmFlags, springArgs) : null;
                ServerProcess mcp = startBench("mcp", options.jvmFlags, springArgs);
                ServerProcess quarkus = withQuarkus ? startQuarkus() : null) {
            if (bare != null) {
                validate(bare);
            }
            validate(mcp);
            if (quarkus != null) {
                validate(quarkus);
            }
            if (stateless) {
                validateStateless(mcp);
            }
            List<String> bareSessions = bare == null ? List.of()
                    : McpClient.createSessions(bare.port, maxConnections, 4);
            List<String> mcpSessions = McpClient.createSessions(mcp.port, maxConnections, 4);
            List<String> quarkusSessions = quarkus == null ? List.of()
                    : McpClient.createSessions(quarkus.port, maxConnections, 4);
            Map<String, ServerProcess> servers = new LinkedHashMap<>();
            Map<String, List<String>> sessions = new LinkedHashMap<>();
            if (bare != null) {
                servers.put(BARE, bare);
                sessions.put(BARE, bareSessions);
            }
            servers.put(MCP, mcp);
            sessions.put(MCP, mcpSessions);
            servers.put(MCP_STATELESS, mcp);
            sessions.put(MCP_STATELESS, List.of()); // a stateless request names no session
            if (quarkus != null) {
                servers.put(QUARKUS, quarkus);
                sessions.put(QUARKUS, quarkusSessions);
            }
            List<Load> warmups = new ArrayList<>();
            if (throughput || profileBoth) {
                warmups.addAll(List.of(new Load(BARE, "json"), new Load(BARE, "sse"), new Load(MCP, "json"),
                        new Load(MCP, "sse")));
                if (quarkus != null) {
                    warmups.addAll(List.of(new Load(QUARKUS, "json"), new Load(QUARKUS, "sse")));
                }
            }
            if (stateless) {
                if (warmups.isEmpty()) {
                    warmups.add(new Load(MCP, "json"));
                }
                warmups.add(new Load(MCP_STATELESS, "stateless"));
            }
            if (!warmups.isEmpty()) {
                log("warm-up: " + options.warmupSeconds + " s per server and answer kind at " + maxConnections
                        + " connections");
                for (Load load : warmups) {
                    WrkLoad.run(options.wrk, script, servers.get(load.server()), options.wrkThreads, maxConnections,
                            options.warmupSeconds, load.mode(), sessions.get(load.server()));
                }
            }
            if (throughput || stateless) {
                for (int round = 1; round <= options.rounds; round++) {
                    for (int connections : options.connections) {
                        for (String answer : List.of("json", "sse")) {
                            // bare, Quarkus, starter (, starter stateless), reversed every other round: Quarkus
                            // always runs next to the starter, and the two starter calls next to each other
                            List<Load> order = new ArrayList<>();
                            if (throughput) {
                                order.add(new Load(BARE, answer));
                                if (quarkus != null) {
                                    order.add(new Load(QUARKUS, answer));
                                }
                                order.add(new Load(MCP, answer));
                            }
                            if (stateless && answer.equals("json")) {
                                if (!throughput) {
                                    order.add(new Load(MCP, "json"));
                                }
                                order.add(new Load(MCP_STATELESS, "stateless"));
                            }
                            if (round % 2 == 0) { // alternate which goes first
                                java.util.Collections.reverse(order);
                            }
                            for (Load load : order) {
                                WrkLoad.Result result = WrkLoad.run(options.wrk, script, servers.get(load.server()),
                                        options.wrkThreads, connections, options.seconds, load.mode(),
                                        sessions.get(load.server()));
                                record(round, load.answer(), connections, load.server(), result);
                            }
                        }
                    }
                }
            }
            if (stateless) {
                for (int round = 1; round <= options.rounds; round++) {
                    for (int connections : options.connections) {
                        for (boolean control : new boolean[] { false, true }) {
                            SideBySide.Run run = sideBySide.measure(options.wrk, script, mcp, options.wrkThreads,
                                    connections, options.seconds, mcpSessions, control);
                            log(Stats.fmt("side by side %d c=%-3d%s stateless %5.1f us, %,6.0f B; session %5.1f us, "
                                    + "%,6.0f B per call on the request thread: CPU %.3f x, heap %.3f x", round,
                                    connections, control ? " (control)" : "", run.statelessCpuMicros(),
                                    run.statelessBytes(), run.sessionCpuMicros(), run.sessionBytes(), run.cpuRatio(),
                                    run.bytesRatio()));
                        }
                    }
                }
            }
            if (options.phases.contains("sampling")) {
                samplingRoundTrip(mcp);
            }
            if (options.profile) {
                int fewest = options.connections.get(0);
                int most = options.connections.get(options.connections.size() - 1);
                profile(mcp, mcpSessions, "starter", "json", fewest);
                if (stateless) {
                    profile(mcp, List.of(), MCP_STATELESS, "stateless", fewest);
                }
                if (profileBoth) {
                    profile(bare, bareSessions, "bare MVC", "json", fewest);
                    if (quarkus != null) {
                        profile(quarkus, quarkusSessions, QUARKUS, "json", fewest);
                    }
                    profile(mcp, mcpSessions, "starter", "sse", most);
                    profile(bare, bareSessions, "bare MVC", "sse", most);
                    if (quarkus != null) {
                        profile(quarkus, quarkusSessions, QUARKUS, "sse", most);
                    }
                }
            }
        }
    }

    private ServerProcess startBench(String role) throws Exception {
        return startBench(role, options.jvmFlags);
    }

    private ServerProcess startBench(String role, List<String> jvmFlags) throws Exception {
        return startBench(role, jvmFlags, List.of());
    }

    /** A benchmark server of {@code benchmarks.jar}; {@code args} are Spring properties ({@code --name=value}). */
    private ServerProcess startBench(String role, List<String> jvmFlags, List<String> args) throws Exception {
        List<String> all = new ArrayList<>();
        all.add(role);
        all.addAll(args);
        ServerProcess server = ServerProcess.start(role, options.java, jvmFlags, jar, all, logs);
        return awaitUp(server);
    }

    /** The Quarkus comparison server, with the same JVM flags as the others. */
    private ServerProcess startQuarkus() throws Exception {
        return awaitUp(ServerProcess.startQuarkus("quarkus", options.java, options.jvmFlags, quarkusJar, logs));
    }

    private ServerProcess awaitUp(ServerProcess server) throws Exception {
        long nanos = server.awaitInitialize(Duration.ofSeconds(120));
        log(Stats.fmt("%s server up on port %d after %.2f s (pid %d)", server.name, server.port, nanos / 1e9,
                server.process.pid()));
        return server;
    }

    /** One echo call of each kind must answer "hello" the expected way before any load. */
    private void validate(ServerProcess server) throws IOException {
        try (McpClient client = new McpClient(server.port)) {
            client.initialize();
            McpClient.Call json = client.call("echo", "hello", false);
            if (json.sse() || !"hello".equals(json.text())) {
                throw new IOException(server.name + ": echo did not answer JSON 'hello': " + json.messages());
            }
            McpClient.Call sse = client.call("echo_progress", "hello", true);
            boolean progress = sse.messages().stream()
                .anyMatch(m -> "notifications/progress".equals(m.path("method").asString(null)));
            if (!sse.sse() || !progress || !"hello".equals(sse.text())) {
                throw new IOException(server.name + ": echo_progress did not answer SSE progress + 'hello': "
                        + sse.messages());
            }
            notes.append(Stats.fmt("- %s answers: JSON `%s`; SSE events `%s`%n", server.name, json.response(),
                    sse.messages()));
            log(server.name + " answers echo (JSON) and echo_progress (SSE) correctly");
        }
    }

    /**
     * One stateless (2026-07-28) echo call must answer "hello" as JSON, open no session, and carry the revision's
     * result shape: {@code resultType: "complete"} and the server's identity in {@code _meta}.
     */
    private void validateStateless(ServerProcess server) throws IOException {
        try (McpClient client = new McpClient(server.port)) {
            McpClient.Call call = client.callStateless("echo", "hello");
            JsonNode result = call.response().path("result");
            if (!"hello".equals(call.text()) || !"complete".equals(result.path("resultType").asString(null))
                    || !result.path("_meta").has("io.modelcontextprotocol/serverInfo")) {
                throw new IOException(server.name + ": stateless echo did not answer JSON 'hello' with resultType "
                        + "complete and serverInfo: " + call.response());
            }
            notes.append(Stats.fmt("- %s answers a 2026-07-28 stateless call (no session): JSON `%s`%n",
                    server.name, call.response()));
            log(server.name + " answers a stateless 2026-07-28 echo (JSON, no session) correctly");
        }
    }

    private void record(int round, String mode, int connections, String server, WrkLoad.Result result) {
        rounds.computeIfAbsent(mode + "|" + connections + "|" + server, key -> new ArrayList<>()).add(result);
        roundsCsv.append(Stats.fmt("%d,%s,%d,%s,%d,%.3f,%.1f,%.0f,%.0f,%d,%.2f,%.2f%n", round, mode, connections,
                server, result.requests(), result.seconds(), result.throughput(), result.p50Micros(),
                result.p99Micros(), result.errors(), result.serverCpuMicrosPerRequest(), result.wrkCores()));
        log(Stats.fmt("round %d %-4s c=%-3d %-28s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  cpu %6.1f us/req  "
                + "wrk %.2f cores  errors %d", round, mode, connections, server, result.throughput(),
                result.p50Micros() / 1000, result.p99Micros() / 1000, result.serverCpuMicrosPerRequest(),
                result.wrkCores(), result.errors()));
    }

    private void samplingRoundTrip(ServerProcess mcp) throws IOException {
        log("sampling round trip: " + options.samplingWarmup + " warm-up and " + options.samplingCalls
                + " measured calls of each kind, one at a time");
        try (McpClient client = new McpClient(mcp.port)) {
            client.initialize();
            McpClient.Call check = client.call("sample", "hello", false);
            if (!"ok".equals(check.text())) {
                throw new IOException("sample did not answer the client's 'ok': " + check.messages());
            }
            for (int i = 0; i < options.samplingWarmup; i++) {
                client.call("echo", "hello", false);
                client.call("echo_progress", "hello", true);
                client.call("sample", "hello", false);
            }
            List<Double> plain = new ArrayList<>();
            List<Double> progress = new ArrayList<>();
            List<Double> sample = new ArrayList<>();
            for (int i = 0; i < options.samplingCalls; i++) {
                plain.add(client.call("echo", "hello", false).nanos() / 1e6);
                progress.add(client.call("echo_progress", "hello", true).nanos() / 1e6);
                sample.add(client.call("sample", "hello", false).nanos() / 1e6);
            }
            sampling.put("tools/call echo (JSON answer)", plain);
            sampling.put("tools/call echo_progress (SSE: progress + result)", progress);
            sampling.put("tools/call sample (SSE: sampling request, client answer POST, result)", sample);
        }
    }

    private void profile(ServerProcess server, List<String> sessions, String label, String mode, int connections)
            throws Exception {
        Path recording = out.resolve("profile-" + server.name + "-" + mode + "-" + connections + ".jfr");
        Path jcmd = options.java.getParent().resolve("jcmd");
        exec(List.of(jcmd.toString(), String.valueOf(server.process.pid()), "JFR.start", "name=bench",
                "settings=profile"));
        WrkLoad.Result result = WrkLoad.run(options.wrk, script, server, options.wrkThreads, connections,
                options.profileSeconds, mode, sessions);
        exec(List.of(jcmd.toString(), String.valueOf(server.process.pid()), "JFR.stop", "name=bench",
                "filename=" + recording));
        profiles.append("=== ").append(label).append(": ").append(mode.equals("stateless") ? "JSON (2026-07-28, no session)"
                    : mode.toUpperCase(java.util.Locale.ROOT))
            .append(" tools/call, ").append(connections)
            .append(" connections, ").append(options.profileSeconds).append(" s, ")
            .append(Stats.fmt("%.0f req/s under JFR", result.throughput())).append(" (").append(recording)
            .append(")\n").append(JfrSummary.summarize(recording, 25)).append('\n');
        log("JFR profile of " + label + " written to " + recording);
    }

    // ---------------------------------------------------------------- heap per idle session

    private void sessions() throws Exception {
        for (int count : options.sessionCounts) {
            for (String method : List.of("HTTP initialize", "SessionManager direct")) {
                boolean http = method.startsWith("HTTP");
                if (http && !options.httpSessionsAtEverySize && count > 10_000) {
                    continue;
                }
                double perSession = sessionHeap("mcp", count, http);
                sessionRows.add(new String[] { MCP, Stats.fmt("%,d", count), method,
                    Stats.fmt("%.0f", perSession) });
                sessionBytes.put(count + "|" + method, perSession);
            }
        }
        int count = options.sessionCounts.get(0);
        double perSession = sessionHeap("bare", count, true);
        sessionRows.add(new String[] { BARE + " (reference: a map entry)", Stats.fmt("%,d", count),
            "HTTP initialize", Stats.fmt("%.0f", perSession) });
    }

    /** Heap after GC with {@code count} more idle sessions, minus before, over count; in a fresh JVM. */
    private double sessionHeap(String role, int count, boolean http) throws Exception {
        try (ServerProcess server = startBench(role)) {
            int warm = 2000;
            if (http) {
                McpClient.createSessions(server.port, warm, 4);
            }
            else {
                server.postJson("/bench/sessions?n=" + warm);
            }
            long before = server.heapAfterGc();
            HeapHistogram histogramBefore = role.equals("mcp") ? histogram(server) : null;
            long start = System.nanoTime();
            if (http) {
                McpClient.createSessions(server.port, count, 4);
            }
            else {
                server.postJson("/bench/sessions?n=" + count);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = server.heapAfterGc();
            if (histogramBefore != null) {
                HeapHistogram histogramAfter = histogram(server);
                if (histogramAfter != null) {
                    histograms.append(Stats.fmt("%s, %,d idle sessions created by %s: ", role, count,
                            http ? "HTTP initialize" : "SessionManager"))
                        .append(histogramAfter.growthSince(histogramBefore, count, "session", 14)).append('\n');
                }
            }
            double perSession = (after - before) / (double) count;
            log(Stats.fmt("%s: %,d idle sessions by %s in %.1f s: heap %,d -> %,d bytes after GC = %.0f bytes each",
                    role, count, http ? "HTTP initialize" : "SessionManager", seconds, before, after, perSession));
            return perSession;
        }
    }

    // ---------------------------------------------------------------- open GET streams and a broadcast

    private void streams() throws Exception {
        int count = options.streams;
        log("open GET streams: the server runs with " + String.join(" ", options.streamsJvmFlags()));
        try (ServerProcess server = startBench("mcp", options.streamsJvmFlags())) {
            // warm the GET and broadcast paths on a few sessions, then delete them so they queue nothing later
            List<String> warmSessions = McpClient.createSessions(server.port, 200, 4);
            try (StreamHolder warm = new StreamHolder(server.port, warmSessions, 64)) {
                warm.awaitOpen(60_000);
                for (int i = 0; i < 3; i++) {
                    server.postJson("/bench/tools");
                }
                Thread.sleep(500);
            }
            deleteSessions(server.port, warmSessions);
            List<String> ids = McpClient.createSessions(server.port, count, 4);
            Thread.sleep(1000);
            JsonNode threadsBefore = server.getJson("/bench/threads");
            long heapBefore = server.heapAfterGc();
            HeapHistogram histogramBefore = histogram(server);
            long start = System.nanoTime();
            try (StreamHolder holder = new StreamHolder(server.port, ids, 256)) {
                boolean allAnswered = holder.awaitOpen(180_000);
                double openSeconds = (System.nanoTime() - start) / 1e9;
                streamsOpened = holder.opened();
                log(Stats.fmt("%,d of %,d GET streams open in %.1f s (%d failed%s)", holder.opened(), count,
                        openSeconds, holder.failed(), holder.firstFailure() == null ? ""
                                : ", first: " + holder.firstFailure()));
                if (!allAnswered) {
                    notes.append("- Not every GET stream was answered within 180 s.\n");
                }
                Thread.sleep(2000);
                JsonNode threadsOpen = server.getJson("/bench/threads");
                long heapOpen = server.heapAfterGc();
                HeapHistogram histogramOpen = histogram(server);
                if (histogramBefore != null && histogramOpen != null) {
                    histograms.append(Stats.fmt("mcp, %,d open GET streams: ", holder.opened()))
                        .append(histogramOpen.growthSince(histogramBefore, Math.max(1, holder.opened()), "stream", 20))
                        .append('\n');
                }
                for (int b = 0; b < options.broadcasts; b++) {
                    long sent = System.nanoTime();
                    JsonNode answer = server.postJson("/bench/tools");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (holder.delivered(b) < holder.opened() && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                    double millis = (holder.lastArrival(b) - sent) / 1e6;
                    boolean complete = holder.delivered(b) >= holder.opened();
                    broadcastsComplete &= complete;
                    broadcastMillis.add(millis);
                    log(Stats.fmt("broadcast %d: list_changed on %,d of %,d streams; last after %.0f ms "
                            + "(server's sendToAll call: %.0f ms)", b + 1, holder.delivered(b), holder.opened(),
                            millis, answer.path("broadcastNanos").asLong() / 1e6));
                    Thread.sleep(1000);
                }
                JsonNode threadsAfter = server.getJson("/bench/threads");
                int before = threadsBefore.path("platform").asInt();
                int open = threadsOpen.path("platform").asInt();
                int after = threadsAfter.path("platform").asInt();
                Map<String, Integer> growth = groupGrowth(threadsBefore, threadsOpen, threadsAfter);
                int containerGrowth = growth.entrySet().stream()
                    .filter(e -> e.getKey().matches("http-nio-.*-exec-#"))
                    .mapToInt(Map.Entry::getValue).sum();
                // the JVM starts its attach listener for the harness's own jcmd class histogram
                int harnessGrowth = growth.getOrDefault("Attach Listener", 0);
                int total = Math.max(open, after) - before;
                streamThreadDelta = total - containerGrowth - harnessGrowth;
                streamRows.put("GET streams answered 200 / asked", Stats.fmt("%,d / %,d (open took %.1f s)",
                        holder.opened(), count, openSeconds));
                streamRows.put("heap per open stream (after GC, over the idle sessions)",
                        Stats.fmt("%,.0f bytes (%,d -> %,d)", (heapOpen - heapBefore) / (double) count,
                                heapBefore, heapOpen));
                streamRows.put("live platform threads: before streams -> open -> after broadcasts",
                        Stats.fmt("%d -> %d -> %d", before, open, after));
                streamRows.put("thread groups that grew (max over open/after)", growth.toString());
                streamRows.put("platform threads added beyond Tomcat's worker pool",
                        Stats.fmt("%d (Tomcat exec pool grew by %d; %d attach listener for jcmd)",
                                streamThreadDelta, containerGrowth, harnessGrowth));
                streamRows.put("server heap", String.join(" ", options.streamsJvmFlags()));
                streamRows.put("`list_changed` to all streams, from the add-tool call (per broadcast)",
                        broadcastMillis.stream().map(v -> Stats.fmt("%.0f ms", v)).toList().toString()
                                + (broadcastsComplete ? "" : " — NOT delivered to every stream"));
                streamRows.put("streams closed by the server meanwhile", String.valueOf(holder.closedByServer()));
            }
        }
    }

    /** A class histogram of the server's live heap, or null when jcmd is not at hand. */
    private HeapHistogram histogram(ServerProcess server) {
        try {
            return HeapHistogram.take(options.java, server.process.pid());
        }
        catch (IOException | InterruptedException | RuntimeException ex) {
            log("no class histogram: " + ex);
            return null;
        }
    }

    private static Map<String, Integer> groupGrowth(JsonNode before, JsonNode... later) {
        Map<String, Integer> growth = new TreeMap<>();
        JsonNode base = before.path("groups");
        for (JsonNode snapshot : later) {
            snapshot.path("groups").properties().forEach(entry -> {
                int delta = entry.getValue().asInt() - base.path(entry.getKey()).asInt(0);
                if (delta != 0) {
                    growth.merge(entry.getKey(), delta, Math::max);
                }
            });
        }
        return growth;
    }

    private static void deleteSessions(int port, List<String> ids) throws IOException {
        try (HttpConn conn = new HttpConn(port)) {
            for (String id : ids) {
                conn.exchange("DELETE", "/mcp", Map.of("Mcp-Session-Id", id, "MCP-Protocol-Version",
                        "2025-11-25"), null);
            }
        }
    }

    // ---------------------------------------------------------------- start-up

    private static final String STARTUP_SAMPLE = "sample-app (sample-app.jar)";

    private static final String STARTUP_SAMPLE_OFF = "sample-app without the starter (`mcp.server.enabled=false`; "
            + "to its first answered `/actuator/health`), for reference";

    private static final String STARTUP_MCP = "starter benchmark server (benchmarks.jar mcp)";

    private static final String STARTUP_BARE = "bare MVC (benchmarks.jar bare, the starter off), for reference";

    private static final String STARTUP_QUARKUS = "Quarkus MCP benchmark server (quarkus-run.jar)";

    /**
     * Each round starts every application once: the sample app with and without the starter, the starter's and
     * Quarkus' benchmark servers (the same two tools) and the bare MVC app, which is the starter's benchmark jar
     * with the starter switched off; every other round in the reverse order, so that no application always starts
     * right after the same other one. The two pairs with and without the starter say what it adds to an
     * application's start-up; the sample app also has Actuator, Prometheus and Spring Security.
     */
    private void startup() throws Exception {
        Path sampleJar = options.root.resolve("sample-app/target/sample-app.jar");
        boolean sample = Files.isRegularFile(sampleJar);
        if (!sample) {
            notes.append("- start-up of sample-app skipped: ").append(sampleJar)
                .append(" is missing (build the reactor)\n");
        }
        List<StartUp> order = new ArrayList<>();
        if (sample) {
            order.add(() -> startupOnce(STARTUP_SAMPLE, () -> ServerProcess.start("sample-app", options.java,
                    options.jvmFlags, sampleJar, List.of(), logs)));
            order.add(() -> {
                try (ServerProcess server = ServerProcess.start("sample-app-off", options.java, options.jvmFlags,
                        sampleJar, List.of("--mcp.server.enabled=false"), logs)) {
                    record(STARTUP_SAMPLE_OFF, server.awaitGet("/actuator/health", Duration.ofSeconds(120)));
                }
            });
        }
        order.add(() -> startupOnce(STARTUP_MCP,
                () -> ServerProcess.start("mcp", options.java, options.jvmFlags, jar, List.of("mcp"), logs)));
        if (options.quarkus) {
            order.add(() -> startupOnce(STARTUP_QUARKUS,
                    () -> ServerProcess.startQuarkus("quarkus", options.java, options.jvmFlags, quarkusJar, logs)));
        }
        order.add(() -> startupOnce(STARTUP_BARE,
                () -> ServerProcess.start("bare", options.java, options.jvmFlags, jar, List.of("bare"), logs)));
        List<StartUp> reversed = new ArrayList<>(order);
        Collections.reverse(reversed);
        for (int round = 0; round < options.startupRounds; round++) {
            for (StartUp startUp : round % 2 == 0 ? order : reversed) {
                startUp.run();
            }
        }
    }

    /** One start-up measured. */
    private interface StartUp {

        void run() throws Exception;
    }

    /** Starts a server process. */
    private interface Launch {

        ServerProcess start() throws IOException;
    }

    private void startupOnce(String label, Launch launch) throws Exception {
        try (ServerProcess server = launch.start()) {
            record(label, server.awaitInitialize(Duration.ofSeconds(120)));
        }
    }

    private void record(String label, long nanos) {
        double seconds = nanos / 1e9;
        startups.computeIfAbsent(label, key -> new ArrayList<>()).add(seconds);
        log(Stats.fmt("start-up of %s: %.2f s", label, seconds));
    }

    // ---------------------------------------------------------------- report

    private String report(String loadBefore, String loadAfter, Duration took) {
        StringBuilder r = new StringBuilder();
        r.append("## MCP starter benchmark").append(options.quick ? " (--quick: a validation run, not a measurement)"
                : "").append(options.label.isEmpty() ? "" : " — " + options.label).append("\n\n");
        r.append(Stats.fmt("Servers: %s, `%s`, %d CPUs; wrk %d threads; load average before %s, after %s; "
                + "run took %d min.%n%n", serverJavaVersion, String.join(" ", options.jvmFlags),
                Runtime.getRuntime().availableProcessors(), options.wrkThreads, loadBefore, loadAfter,
                took.toMinutes()));
        r.append(containers());
        if (!rounds.isEmpty()) {
            r.append(Stats.fmt("### tools/call under wrk: %d alternating rounds of %d s after %d s warm-up; "
                    + "median [min–max]%n%n", options.rounds, options.seconds, options.warmupSeconds));
            r.append("| answer | conns | server | tools/call/s | p50 ms | p99 ms | server CPU µs/call | wrk cores | errors |\n");
            r.append("|---|---|---|---|---|---|---|---|---|\n");
            for (String mode : List.of("json", "sse")) {
                for (int connections : options.connections) {
                    for (String server : List.of(BARE, MCP, MCP_STATELESS, QUARKUS)) {
                        List<WrkLoad.Result> results = rounds.get(mode + "|" + connections + "|" + server);
                        if (results == null) {
                            continue;
                        }
                        r.append(Stats.fmt("| %s | %d | %s | %s | %s | %s | %s | %s | %d |%n",
                                mode.equals("json") ? "JSON" : "SSE (1 progress)", connections, server,
                                Stats.range(values(results, WrkLoad.Result::throughput), "%,.0f"),
                                Stats.range(values(results, WrkLoad.Result::p50Micros), "%.2f", v -> v / 1000),
                                Stats.range(values(results, WrkLoad.Result::p99Micros), "%.2f", v -> v / 1000),
                                Stats.range(values(results, WrkLoad.Result::serverCpuMicrosPerRequest), "%.0f"),
                                Stats.fmt("%.2f", Stats.median(values(results, WrkLoad.Result::wrkCores))),
                                results.stream().mapToLong(WrkLoad.Result::errors).sum()));
                    }
                    r.append(ratioRow(mode, connections, BARE, "bare"));
                    r.append(ratioRow(mode, connections, QUARKUS, "Quarkus"));
                    List<Double> stateless = ratios(mode, connections, MCP_STATELESS, MCP,
                            WrkLoad.Result::throughput);
                    if (!stateless.isEmpty()) {
                        List<Double> cpu = ratios(mode, connections, MCP_STATELESS, MCP,
                                WrkLoad.Result::serverCpuMicrosPerRequest);
                        r.append(Stats.fmt("| JSON | %d | **2026 stateless / 2025 session** | **%.2f** (rounds "
                                + "%.2f–%.2f) | | | **%.2f** (stateless CPU/call ÷ session CPU/call; rounds "
                                + "%.2f–%.2f) | | |%n", connections, statelessRatio(connections,
                                        WrkLoad.Result::throughput), Stats.min(stateless), Stats.max(stateless),
                                statelessRatio(connections, WrkLoad.Result::serverCpuMicrosPerRequest),
                                Stats.min(cpu), Stats.max(cpu)));
                    }
                }
            }
            r.append("\nRatio rows: the starter's figure over the other server's for calls/s (above 1: the starter "
                    + "serves more), p50 and p99 (below 1: the starter answers sooner), each a ratio of the medians "
                    + "(calls/s also round by round, the range); the CPU column is the other server's CPU per call "
                    + "over the starter's (above 1: the starter costs less per call), the throughput ratio to "
                    + "expect when both are CPU-bound.\n\n");
        }
        if (!sampling.isEmpty()) {
            r.append(Stats.fmt("### Sampling round trip vs a plain call (one client, one call at a time, %d calls "
                    + "each, interleaved)%n%n", options.samplingCalls));
            r.append("| call | p50 ms | p99 ms |\n|---|---|---|\n");
            sampling.forEach((name, values) -> r.append(Stats.fmt("| %s | %.3f | %.3f |%n", name,
                    percentile(values, 50), percentile(values, 99))));
            r.append(Stats.fmt("| **sampling adds (p50 sample − p50 echo)** | **%.3f** | |%n%n", samplingAddedMillis()));
        }
        r.append(sideBySide.report(options.rounds, options.seconds));
        r.append(observability.report());
        r.append(cluster.report());
        if (!sessionRows.isEmpty()) {
            r.append("### Heap per idle initialized session (used heap after GC, delta over N, fresh JVM each)\n\n");
            r.append("| server | sessions | created by | bytes/session |\n|---|---|---|---|\n");
            sessionRows.forEach(row -> r.append("| ").append(String.join(" | ", row)).append(" |\n"));
            r.append('\n');
        }
        if (!streamRows.isEmpty()) {
            r.append(Stats.fmt("### %,d concurrent open GET streams (starter, `%s`)%n%n", options.streams,
                    String.join(" ", options.streamsJvmFlags())));
            r.append("| figure | value |\n|---|---|\n");
            streamRows.forEach((name, value) -> r.append("| ").append(name).append(" | ").append(value)
                .append(" |\n"));
            r.append('\n');
        }
        if (!startups.isEmpty()) {
            r.append("### Start-up: process start to first answered `initialize`; median [min–max]\n\n");
            r.append("| application | seconds |\n|---|---|\n");
            startups.forEach((name, values) -> r.append("| ").append(name).append(" | ")
                .append(Stats.range(values, "%.2f")).append(" |\n"));
            r.append(startupRatio(STARTUP_MCP, STARTUP_BARE, "starter benchmark server / bare MVC (the same jar, "
                    + "the starter off)"));
            r.append(startupRatio(STARTUP_SAMPLE, STARTUP_SAMPLE_OFF, "sample-app / sample-app without the starter"));
            r.append(startupRatio(STARTUP_SAMPLE, STARTUP_BARE, "sample-app / bare MVC"));
            for (String starter : List.of(STARTUP_MCP, STARTUP_SAMPLE)) {
                if (startups.containsKey(starter) && startups.containsKey(STARTUP_QUARKUS)) {
                    r.append(Stats.fmt("| **%s / Quarkus MCP benchmark server** (below 1: the starter is up sooner) "
                            + "| **%.2f** |%n", starter.substring(0, starter.indexOf(" (")),
                            Stats.median(startups.get(starter)) / Stats.median(startups.get(STARTUP_QUARKUS))));
                }
            }
            r.append('\n');
        }
        r.append(targets());
        if (!histograms.isEmpty()) {
            r.append("\n### Where the heap goes (live-object class histograms, after minus before)\n\n```\n")
                .append(histograms).append("```\n");
        }
        if (!profiles.isEmpty()) {
            r.append("\n### JFR profiles\n\n```\n").append(profiles).append("```\n");
        }
        if (options.quarkus && (rounds.keySet().stream().anyMatch(key -> key.endsWith("|" + QUARKUS))
                || startups.containsKey(STARTUP_QUARKUS))) {
            notes.append("- Quarkus MCP takes part in the JSON and SSE tools/call rounds (phase `throughput`) and in "
                    + "the start-up; the sampling round trip, heap per idle session, the open GET streams, the "
                    + "2026-07-28 stateless call and the cluster phase are the starter's alone (they need the "
                    + "benchmark servers' `/bench/*` controls, the `sample` tool, a 2026-07-28 server or the "
                    + "starter's Redis sessions).\n");
        }
        String allNotes = notes + observability.notes() + cluster.notes();
        if (!allNotes.isEmpty()) {
            r.append("\n### Notes\n\n").append(allNotes);
        }
        return r.toString();
    }

    /** A ratio row of the start-up table: the medians of {@code top} over {@code bottom}, empty when one is missing. */
    private String startupRatio(String top, String bottom, String label) {
        if (!startups.containsKey(top) || !startups.containsKey(bottom)) {
            return "";
        }
        return Stats.fmt("| **%s** | **%.2f** |%n", label,
                Stats.median(startups.get(top)) / Stats.median(startups.get(bottom)));
    }

    private String targets() {
        StringBuilder t = new StringBuilder("### Targets\n\n| target | measured | status |\n|---|---|---|\n");
        for (int connections : List.of(16, 64)) {
            if (rounds.containsKey("json|" + connections + "|" + MCP)
                    && rounds.containsKey("json|" + connections + "|" + BARE)) {
                double ratio = throughputRatio("json", connections);
                double cpu = cpuRatio("json", connections);
                t.append(Stats.fmt("| JSON tools/call throughput ≥ 0.85 × bare at %d connections | %.2f × (CPU per "
                        + "call: %.2f ×) | %s |%n", connections, ratio, cpu, ratio >= 0.85
                                ? (cpu >= 0.85 ? "met" : "met (CPU per call says: at risk when CPU-bound)")
                                : "**missed**"));
            }
        }
        for (int connections : options.connections) {
            if (rounds.containsKey("json|" + connections + "|" + MCP_STATELESS)
                    && rounds.containsKey("json|" + connections + "|" + MCP)) {
                double cpu = statelessRatio(connections, WrkLoad.Result::serverCpuMicrosPerRequest);
                List<Double> perRound = ratios("json", connections, MCP_STATELESS, MCP,
                        WrkLoad.Result::serverCpuMicrosPerRequest);
                t.append(Stats.fmt("| 2026-07-28 stateless JSON tools/call costs no more server CPU than a 2025 JSON "
                        + "call in a session, at %d connections | %.2f × (%.0f / %.0f µs per call; rounds "
                        + "%.2f–%.2f) | %s |%n", connections, cpu,
                        Stats.median(values(rounds.get("json|" + connections + "|" + MCP_STATELESS),
                                WrkLoad.Result::serverCpuMicrosPerRequest)),
                        Stats.median(values(rounds.get("json|" + connections + "|" + MCP),
                                WrkLoad.Result::serverCpuMicrosPerRequest)),
                        Stats.min(perRound), Stats.max(perRound), cpu <= 1.0 ? "met"
                                : Stats.min(perRound) <= 1.0 ? "**missed** (within the rounds' spread)"
                                        : "**missed**"));
            }
        }
        t.append(sideBySide.targets());
        if (!sessionBytes.isEmpty()) {
            double worst = sessionBytes.entrySet().stream().filter(e -> e.getKey().contains("HTTP"))
                .mapToDouble(Map.Entry::getValue).max()
                .orElse(sessionBytes.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
            t.append(Stats.fmt("| heap per idle session ≤ 600 bytes | %.0f bytes (worst HTTP-created figure) | %s |%n",
                    worst, worst <= 600 ? "met" : "**missed**"));
        }
        if (streamThreadDelta != Integer.MIN_VALUE) {
            boolean threads = streamThreadDelta < 32;
            double worst = broadcastMillis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            boolean delivered = broadcastsComplete && streamsOpened == options.streams && worst < 2000;
            t.append(Stats.fmt("| %,d open streams on < 32 platform threads beyond the container's | +%d | %s |%n",
                    options.streams, streamThreadDelta, threads ? "met" : "**missed**"));
            t.append(Stats.fmt("| `list_changed` delivered to all of them in < 2 s | %s, slowest %.0f ms | %s |%n",
                    broadcastsComplete && streamsOpened == options.streams ? "all delivered" : "NOT all delivered",
                    worst, delivered ? "met" : "**missed**"));
        }
        if (!sampling.isEmpty()) {
            double added = samplingAddedMillis();
            t.append(Stats.fmt("| sampling round trip adds ≤ 1 ms p50 over a plain call | %.3f ms | %s |%n", added,
                    added <= 1.0 ? "met" : "**missed**"));
        }
        if (startups.containsKey(STARTUP_SAMPLE) && startups.containsKey(STARTUP_BARE)) {
            double sample = Stats.median(startups.get(STARTUP_SAMPLE));
            double bare = Stats.median(startups.get(STARTUP_BARE));
            t.append(Stats.fmt("| start-up of the sample app ≤ 1.05 × a bare Spring MVC app | %.2f ×%s | %s |%n",
                    sample / bare, startups.containsKey(STARTUP_SAMPLE_OFF) ? Stats.fmt(" (without the starter "
                            + "the sample app takes %.2f ×: Actuator, Prometheus, Security)",
                            Stats.median(startups.get(STARTUP_SAMPLE_OFF)) / bare) : "",
                    sample / bare <= 1.05 ? "met" : "**missed**"));
        }
        if (startups.containsKey(STARTUP_MCP) && startups.containsKey(STARTUP_BARE)) {
            double ratio = Stats.median(startups.get(STARTUP_MCP)) / Stats.median(startups.get(STARTUP_BARE));
            t.append(Stats.fmt("| the starter adds ≤ 5 %% to the start-up of the same application (benchmark server "
                    + "against its jar with the starter off) | %.2f × | %s |%n", ratio,
                    ratio <= 1.05 ? "met" : "**missed**"));
        }
        t.append("| no target bought by turning a feature off by default | every starter default on; only "
                + "`mcp.server.session.max-sessions` raised (for 100,000 sessions) | met |\n");
        return t.toString();
    }

    /** What the servers of this run are, and the container settings they run with. */
    private String containers() {
        StringBuilder c = new StringBuilder();
        c.append(options.containerDefaults
                ? "Spring servers (bare MVC, starter) in the tools/call rounds: Tomcat's defaults "
                        + "(`--container-defaults`: `" + String.join(" ", Options.TOMCAT_DEFAULTS) + "`)"
                : "Spring servers (bare MVC, starter): Tomcat with the harness's settings "
                        + "(`server.tomcat.max-keep-alive-requests=-1`, `max-connections=15000`, `accept-count=1024`; "
                        + "`--container-defaults` runs the tools/call rounds on Tomcat's defaults)");
        if (options.virtualThreads) {
            c.append("; Tomcat serves requests on virtual threads (`--virtual-threads`: "
                    + "`spring.threads.virtual.enabled=true`)");
        }
        c.append("; every starter default on (virtual-thread handler executor where the JVM has it).");
        if (options.quarkus) {
            c.append(" Quarkus MCP: ").append(quarkusVersions).append(", JVM mode, fast-jar `quarkus-run.jar`, "
                    + "its own defaults (Vert.x HTTP; blocking tools on its worker pool); only the port, "
                    + "`quarkus.http.host=127.0.0.1`, log level WARN and no banner are set.");
        }
        c.append(options.virtualThreads ? "\n\n" : " The tuning docs/performance.md recommends on Java 21 and "
                + "later, requests on virtual threads, is measured with `--virtual-threads`.\n\n");
        return c.toString();
    }

    /**
     * One ratio row of the tools/call table: the starter over {@code other} (calls/s with the rounds' range, p50,
     * p99) and {@code other}'s CPU per call over the starter's; empty when either server has no rounds.
     */
    private String ratioRow(String mode, int connections, String other, String label) {
        List<WrkLoad.Result> starter = rounds.get(mode + "|" + connections + "|" + MCP);
        List<WrkLoad.Result> them = rounds.get(mode + "|" + connections + "|" + other);
        if (starter == null || them == null) {
            return "";
        }
        List<Double> perRound = ratios(mode, connections, MCP, other, WrkLoad.Result::throughput);
        return Stats.fmt("| %s | %d | **starter / %s** | **%.2f** (rounds %.2f–%.2f) | %.2f | %.2f | **%.2f** "
                + "(%s CPU/call ÷ starter CPU/call) | | |%n", mode.equals("json") ? "JSON" : "SSE (1 progress)",
                connections, label, medianRatio(starter, them, WrkLoad.Result::throughput), Stats.min(perRound),
                Stats.max(perRound), medianRatio(starter, them, WrkLoad.Result::p50Micros),
                medianRatio(starter, them, WrkLoad.Result::p99Micros),
                medianRatio(them, starter, WrkLoad.Result::serverCpuMicrosPerRequest), label);
    }

    private static double medianRatio(List<WrkLoad.Result> top, List<WrkLoad.Result> bottom,
            java.util.function.ToDoubleFunction<WrkLoad.Result> getter) {
        return Stats.median(values(top, getter)) / Stats.median(values(bottom, getter));
    }

    /** "quarkus-mcp-server X on Quarkus Y" from the names of the fast-jar's libraries. */
    private static String quarkusVersions(Path quarkusRunJar) {
        Path libs = quarkusRunJar.resolveSibling("lib").resolve("main");
        String mcp = "?";
        String quarkus = "?";
        try (java.util.stream.Stream<Path> files = Files.list(libs)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("io.quarkiverse.mcp.quarkus-mcp-server-core-")) {
                    mcp = name.substring("io.quarkiverse.mcp.quarkus-mcp-server-core-".length(), name.length() - 4);
                }
                else if (name.startsWith("io.quarkus.quarkus-core-")) {
                    quarkus = name.substring("io.quarkus.quarkus-core-".length(), name.length() - 4);
                }
            }
        }
        catch (IOException ex) {
            // not built: the constructor says so when Quarkus is needed
        }
        return "quarkus-mcp-server " + mcp + " on Quarkus " + quarkus;
    }

    private double throughputRatio(String mode, int connections) {
        List<WrkLoad.Result> bare = rounds.get(mode + "|" + connections + "|" + BARE);
        List<WrkLoad.Result> mcp = rounds.get(mode + "|" + connections + "|" + MCP);
        return Stats.median(values(mcp, WrkLoad.Result::throughput))
                / Stats.median(values(bare, WrkLoad.Result::throughput));
    }

    /**
     * Bare CPU per call over the starter's: the throughput ratio to expect when both servers are CPU-bound, which
     * is less sensitive to other load on the machine than the measured throughput ratio.
     */
    private double cpuRatio(String mode, int connections) {
        List<WrkLoad.Result> bare = rounds.get(mode + "|" + connections + "|" + BARE);
        List<WrkLoad.Result> mcp = rounds.get(mode + "|" + connections + "|" + MCP);
        return Stats.median(values(bare, WrkLoad.Result::serverCpuMicrosPerRequest))
                / Stats.median(values(mcp, WrkLoad.Result::serverCpuMicrosPerRequest));
    }

    /**
     * {@code numerator} / {@code denominator} per round of one figure (the runs of a round are back to back), for
     * example the starter's throughput over the bare server's.
     */
    private List<Double> ratios(String mode, int connections, String numerator, String denominator,
            java.util.function.ToDoubleFunction<WrkLoad.Result> getter) {
        List<WrkLoad.Result> top = rounds.get(mode + "|" + connections + "|" + numerator);
        List<WrkLoad.Result> bottom = rounds.get(mode + "|" + connections + "|" + denominator);
        List<Double> ratios = new ArrayList<>();
        if (top != null && bottom != null) {
            for (int i = 0; i < Math.min(top.size(), bottom.size()); i++) {
                ratios.add(getter.applyAsDouble(top.get(i)) / getter.applyAsDouble(bottom.get(i)));
            }
        }
        return ratios;
    }

    /** The starter's 2026-07-28 stateless JSON call over its 2025 JSON call in a session: ratio of the medians. */
    private double statelessRatio(int connections, java.util.function.ToDoubleFunction<WrkLoad.Result> getter) {
        return Stats.median(values(rounds.get("json|" + connections + "|" + MCP_STATELESS), getter))
                / Stats.median(values(rounds.get("json|" + connections + "|" + MCP), getter));
    }

    private double samplingAddedMillis() {
        List<List<Double>> series = new ArrayList<>(sampling.values());
        return percentile(series.get(2), 50) - percentile(series.get(0), 50);
    }

    private static List<Double> values(List<WrkLoad.Result> results,
            java.util.function.ToDoubleFunction<WrkLoad.Result> getter) {
        return results.stream().mapToDouble(getter).boxed().toList();
    }

    private static double percentile(List<Double> values, double percentile) {
        return Stats.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), percentile);
    }

    // ---------------------------------------------------------------- helpers

    private String javaVersion() {
        try {
            return exec(List.of(options.java.toString(), "-version")).lines()
                .filter(line -> line.contains("Runtime Environment")).findFirst().orElse("?").trim();
        }
        catch (Exception ex) {
            return "?";
        }
    }

    /** The jar this runner was started from ({@code java -jar benchmarks.jar run ...}). */
    private static Path benchmarkJar() throws IOException {
        String command = System.getProperty("sun.java.command", "");
        String first = command.split(" ")[0];
        if (!first.endsWith(".jar") || !Files.isRegularFile(Path.of(first))) {
            throw new IOException("Start the runner with java -jar benchmarks.jar run (was: " + command + ")");
        }
        return Path.of(first).toAbsolutePath();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (IOException ex) {
            return "?";
        }
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + text);
        }
        return text;
    }

    static void log(String message) {
        System.out.println(Stats.fmt("[bench %s] %s", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME)
            .substring(0, 8), message));
    }
}
