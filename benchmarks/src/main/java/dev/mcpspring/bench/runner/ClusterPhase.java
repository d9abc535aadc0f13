package dev.mcpspring.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The phase {@code cluster}: the starter's JSON {@code tools/call} ({@code echo}) on one node keeping its
 * sessions in memory, against two nodes sharing their sessions through Redis behind nginx round robin, and the
 * same single node behind nginx, which separates the proxy's cost from Redis'. Then the sampling round trip on one
 * in-memory node against two Redis nodes, the client's answer going to the node that did not send the request.
 * <p>
 * Everything runs at once on this machine: a {@code redis-server} from the {@code PATH} on a free loopback port,
 * three starter JVMs with the runner's flags ({@code mcp}; two of them with
 * {@code --mcp.server.session.store=redis}) and two nginx ({@code scripts/nginx-round-robin.sh}, each with a work
 * dir of its own under the output directory). All of it is stopped at the end of the phase.
 */
final class ClusterPhase {

    private static final String DIRECT = "1 node, in memory, direct";

    private static final String MEMORY_NGINX = "1 node, in memory, via nginx";

    private static final String REDIS_NGINX = "2 nodes, Redis, via nginx round robin";

    /** Warm-up runs end when one is within this fraction of the one before. */
    private static final double WARMUP_SETTLED = 0.05;

    private static final int MAX_WARMUP_RUNS = 12;

    /** Calls each node of a setup answers at least during its warm-up. */
    private static final long MIN_WARMUP_CALLS_PER_NODE = 100_000;

    private static final String SAMPLING_MEMORY = "1 node in memory (call and answer to the node)";

    private static final String SAMPLING_REDIS = "2 nodes on Redis (call to node A, answer POST to node B)";

    /**
     * One way of reaching the starter: where wrk sends its requests and whose CPU time it counts, the sessions
     * initialized through that same entry point, and the nginx in front when there is one.
     */
    private record Setup(String label, WrkLoad.Target target, List<String> sessions, NginxProcess nginx) {

        boolean usesRedis() {
            return target.redis() != CpuTime.NONE;
        }

        /** The starter JVMs answering: nginx spreads the Redis setup's calls over two. */
        int nodes() {
            return usesRedis() ? 2 : 1;
        }

        /** Requests per upstream port that went through this setup's nginx since the last call. */
        Map<Integer, Long> takeUpstreamCounts() throws IOException {
            return nginx == null ? Map.of() : nginx.takeUpstreamCounts();
        }
    }

    private final Options options;

    private final Path jar;

    private final Path script;

    private final Path out;

    private final Path logs;

    /** wrk results by "connections|setup". */
    private final Map<String, List<WrkLoad.Result>> rounds = new LinkedHashMap<>();

    /** Redis commands per call of the Redis setup's runs, by connections. */
    private final Map<Integer, List<Double>> redisCommands = new TreeMap<>();

    /** Requests nginx sent to each Redis node over the measured runs, by node port. */
    private final Map<Integer, Long> servedByNode = new TreeMap<>();

    /** Call durations in milliseconds by "setup|tool". */
    private final Map<String, List<Double>> sampling = new LinkedHashMap<>();

    private final StringBuilder csv = new StringBuilder("round,connections,setup,requests,seconds,throughput,p50_us,"
            + "p99_us,errors,nodes_cpu_us_per_req,redis_cpu_us_per_req,nginx_cpu_us_per_req,redis_commands_per_req,"
            + "wrk_cores\n");

    private final StringBuilder notes = new StringBuilder();

    ClusterPhase(Options options, Path jar, Path script, Path out, Path logs) {
        this.options = options;
        this.jar = jar;
        this.script = script;
        this.out = out;
        this.logs = logs;
    }

    void run() throws Exception {
        Path redisServer = RedisProcess.executable();
        String nginxVersion = NginxProcess.version();
        Path nginxScript = options.root.resolve("scripts/nginx-round-robin.sh");
        if (redisServer == null || nginxVersion == null || !Files.isRegularFile(nginxScript)) {
            String missing = redisServer == null ? "redis-server is not on the PATH"
                    : nginxVersion == null ? "nginx is not installed" : nginxScript + " is missing";
            notes.append("- cluster skipped: ").append(missing)
                .append(" (apt-get install -y redis-server nginx)\n");
            Runner.log("cluster phase skipped: " + missing);
            return;
        }
        int maxConnections = options.connections.stream().mapToInt(Integer::intValue).max().orElse(64);
        try (RedisProcess redis = RedisProcess.start(redisServer, out.resolve("redis"), logs, Duration.ofSeconds(30));
                ServerProcess memory = startNode("mcp", List.of());
                ServerProcess nodeA = startNode("mcp-redis-a", redisArgs(redis));
                ServerProcess nodeB = startNode("mcp-redis-b", redisArgs(redis));
                NginxProcess memoryProxy = NginxProcess.start(nginxScript, out.resolve("nginx-memory"),
                        List.of(memory.port));
                NginxProcess redisProxy = NginxProcess.start(nginxScript, out.resolve("nginx-redis"),
                        List.of(nodeA.port, nodeB.port))) {
            Runner.log(Stats.fmt("redis-server on port %d (pid %d); nginx on %d -> %d and on %d -> %d, %d", redis.port,
                    redis.process.pid(), memoryProxy.port, memory.port, redisProxy.port, nodeA.port, nodeB.port));
            notes.append(Stats.fmt("- cluster: %s, `--save \"\" --appendonly no`; %s with "
                    + "`scripts/nginx-round-robin.sh` (one worker); Redis nodes started with `mcp "
                    + "--mcp.server.session.store=redis --spring.data.redis.host=127.0.0.1 "
                    + "--spring.data.redis.port=<port>`%n", RedisProcess.version(redisServer), nginxVersion));
            List<Setup> setups = List.of(
                    setup(DIRECT, new WrkLoad.Target(memory.port, memory, CpuTime.NONE, CpuTime.NONE), null,
                            maxConnections),
                    setup(MEMORY_NGINX, new WrkLoad.Target(memoryProxy.port, memory, CpuTime.NONE, memoryProxy),
                            memoryProxy, maxConnections),
                    setup(REDIS_NGINX, new WrkLoad.Target(redisProxy.port, CpuTime.sum(List.of(nodeA, nodeB)), redis,
                            redisProxy), redisProxy, maxConnections));
            checkRoundRobin(redisProxy, nodeA, nodeB);
            warmUp(setups, maxConnections);
            measure(setups, redis);
            long served = servedByNode.values().stream().mapToLong(Long::longValue).sum();
            if (served > 0) {
                notes.append(Stats.fmt("- cluster: nginx sent %.1f%% of the measured Redis-setup requests to node A "
                        + "and %.1f%% to node B%n", 100.0 * servedByNode.getOrDefault(nodeA.port, 0L) / served,
                        100.0 * servedByNode.getOrDefault(nodeB.port, 0L) / served));
            }
            samplingRoundTrip(memory, nodeA, nodeB);
        }
    }

    /**
     * Warm-up runs of {@code --warmup} seconds at the most connections, per setup, until each of its nodes has
     * answered {@link #MIN_WARMUP_CALLS_PER_NODE} calls and it settles: two runs in a row whose throughput and
     * nodes' CPU per call are both within {@link #WARMUP_SETTLED} of each other; at most {@link #MAX_WARMUP_RUNS}
     * runs. The Redis nodes need it: their path (Spring Data Redis, Lettuce, Netty) is compiled late, its first
     * calls are slow, and the two nodes share their setup's calls; a fixed time leaves them cold.
     */
    private void warmUp(List<Setup> setups, int connections) throws Exception {
        Runner.log("cluster warm-up: runs of " + options.warmupSeconds + " s per setup at " + connections
                + " connections until they have served enough calls and throughput and CPU per call settle");
        List<String> counts = new ArrayList<>();
        for (Setup setup : setups) {
            WrkLoad.Result previous = null;
            boolean settled = false;
            long calls = 0;
            int runs = 0;
            while (!settled && runs < MAX_WARMUP_RUNS) {
                runs++;
                WrkLoad.Result result = WrkLoad.run(options.wrk, script, setup.target(), options.wrkThreads,
                        connections, options.warmupSeconds, "json", setup.sessions());
                calls += result.requests();
                Runner.log(Stats.fmt("cluster warm-up %d of %s: %.0f req/s, nodes' CPU %.1f us/req", runs,
                        setup.label(), result.throughput(), result.serverCpuMicrosPerRequest()));
                settled = calls / setup.nodes() >= MIN_WARMUP_CALLS_PER_NODE && previous != null
                        && settled(previous.throughput(), result.throughput())
                        && settled(previous.serverCpuMicrosPerRequest(), result.serverCpuMicrosPerRequest());
                previous = result;
            }
            setup.takeUpstreamCounts(); // the measured runs' split only
            counts.add(Stats.fmt("%s %d%s", setup.label(), runs, settled ? "" : " (**not settled**)"));
        }
        notes.append(Stats.fmt("- cluster: warm-up runs of %d s per setup (until %,d calls per node, and two runs in a "
                + "row within %.0f%% in throughput and CPU per call; at most %d): %s%n", options.warmupSeconds,
                MIN_WARMUP_CALLS_PER_NODE, WARMUP_SETTLED * 100, MAX_WARMUP_RUNS, String.join("; ", counts)));
    }

    private static boolean settled(double before, double now) {
        return Math.abs(now - before) <= WARMUP_SETTLED * before;
    }

    /** The rounds: every setup at every connection count, back to back, in reverse order every other round. */
    private void measure(List<Setup> setups, RedisProcess redis) throws Exception {
        for (int round = 1; round <= options.rounds; round++) {
            for (int connections : options.connections) {
                List<Setup> order = new ArrayList<>(setups);
                if (round % 2 == 0) { // alternate which goes first
                    Collections.reverse(order);
                }
                for (Setup setup : order) {
                    long commandsBefore = redis.commandsProcessed();
                    WrkLoad.Result result = WrkLoad.run(options.wrk, script, setup.target(), options.wrkThreads,
                            connections, options.seconds, "json", setup.sessions());
                    double commands = setup.usesRedis()
                            ? (redis.commandsProcessed() - commandsBefore) / (double) result.requests() : Double.NaN;
                    record(round, connections, setup.label(), result, commands);
                    Map<Integer, Long> served = setup.takeUpstreamCounts(); // also keeps nginx's access log small
                    if (setup.usesRedis()) {
                        served.forEach((port, n) -> servedByNode.merge(port, n, Long::sum));
                    }
                }
            }
        }
    }

    private ServerProcess startNode(String name, List<String> extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("mcp"));
        args.addAll(extraArgs);
        ServerProcess server = ServerProcess.start(name, options.java, options.jvmFlags, jar, args, logs);
        long nanos = server.awaitInitialize(Duration.ofSeconds(120));
        Runner.log(Stats.fmt("%s server up on port %d after %.2f s (pid %d)", name, server.port, nanos / 1e9,
                server.process.pid()));
        return server;
    }

    private static List<String> redisArgs(RedisProcess redis) {
        return List.of("--mcp.server.session.store=redis", "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port);
    }

    /**
     * Checks that {@code echo} answers JSON "hello" through the setup's entry point (a few calls, so that through
     * round robin each node answers some), then initializes the sessions wrk will use through that same entry point.
     */
    private Setup setup(String label, WrkLoad.Target target, NginxProcess nginx, int sessions) throws Exception {
        try (McpClient client = new McpClient(target.port())) {
            client.initialize();
            for (int i = 0; i < 4; i++) {
                McpClient.Call call = client.call("echo", "hello", false);
                if (call.sse() || !"hello".equals(call.text())) {
                    throw new IOException(label + ": echo did not answer JSON 'hello': " + call.messages());
                }
            }
        }
        List<String> ids = McpClient.createSessions(target.port(), sessions, 4);
        Runner.log(Stats.fmt("%s: echo answers through port %d; %d sessions initialized through it", label,
                target.port(), ids.size()));
        return new Setup(label, target, ids, nginx);
    }

    /** The requests so far through the Redis nodes' nginx (checks and initializations) must have reached both. */
    private static void checkRoundRobin(NginxProcess proxy, ServerProcess nodeA, ServerProcess nodeB)
            throws IOException {
        Map<Integer, Long> counts = proxy.takeUpstreamCounts();
        if (counts.getOrDefault(nodeA.port, 0L) == 0 || counts.getOrDefault(nodeB.port, 0L) == 0) {
            throw new IOException("nginx did not spread the requests over both Redis nodes (requests by port: "
                    + counts + "); see " + proxy.workDir);
        }
        Runner.log("nginx round robin reached both Redis nodes (requests by port: " + counts + ")");
    }

    private void record(int round, int connections, String setup, WrkLoad.Result result, double commandsPerCall) {
        rounds.computeIfAbsent(connections + "|" + setup, key -> new ArrayList<>()).add(result);
        if (!Double.isNaN(commandsPerCall)) {
            redisCommands.computeIfAbsent(connections, key -> new ArrayList<>()).add(commandsPerCall);
        }
        csv.append(Stats.fmt("%d,%d,\"%s\",%d,%.3f,%.1f,%.0f,%.0f,%d,%.2f,%.2f,%.2f,%s,%.2f%n", round, connections,
                setup, result.requests(), result.seconds(), result.throughput(), result.p50Micros(),
                result.p99Micros(), result.errors(), result.serverCpuMicrosPerRequest(),
                result.redisCpuMicrosPerRequest(), result.proxyCpuMicrosPerRequest(),
                Double.isNaN(commandsPerCall) ? "" : Stats.fmt("%.3f", commandsPerCall), result.wrkCores()));
        Runner.log(Stats.fmt("cluster round %d c=%-3d %-38s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  cpu: nodes "
                + "%5.1f redis %5.1f nginx %5.1f us/req  wrk %.2f cores  errors %d", round, connections, setup,
                result.throughput(), result.p50Micros() / 1000, result.p99Micros() / 1000,
                result.serverCpuMicrosPerRequest(), result.redisCpuMicrosPerRequest(),
                result.proxyCpuMicrosPerRequest(), result.wrkCores(), result.errors()));
    }

    /**
     * One client per setup, one call at a time, {@code echo} and {@code sample} interleaved, the two setups
     * alternating which goes first. In the Redis setup the client sends its calls to node A and its answer to the
     * sampling request to node B, which passes it on to A through Redis.
     */
    private void samplingRoundTrip(ServerProcess memory, ServerProcess nodeA, ServerProcess nodeB)
            throws IOException {
        Runner.log("cluster sampling round trip: " + options.samplingWarmup + " warm-up and "
                + options.samplingCalls + " measured calls of each kind per setup, one at a time");
        try (McpClient local = new McpClient(memory.port);
                McpClient shared = new McpClient(nodeA.port, nodeB.port)) {
            Map<String, McpClient> clients = new LinkedHashMap<>();
            clients.put(SAMPLING_MEMORY, local);
            clients.put(SAMPLING_REDIS, shared);
            for (Map.Entry<String, McpClient> client : clients.entrySet()) {
                client.getValue().initialize();
                McpClient.Call check = client.getValue().call("sample", "hello", false);
                if (!"ok".equals(check.text())) {
                    throw new IOException(client.getKey() + ": sample did not answer the client's 'ok': "
                            + check.messages());
                }
            }
            List<String> order = new ArrayList<>(clients.keySet());
            for (int i = 0; i < options.samplingWarmup + options.samplingCalls; i++) {
                boolean measured = i >= options.samplingWarmup;
                Collections.reverse(order);
                for (String setup : order) {
                    for (String tool : List.of("echo", "sample")) {
                        double millis = clients.get(setup).call(tool, "hello", false).nanos() / 1e6;
                        if (measured) {
                            sampling.computeIfAbsent(setup + "|" + tool, key -> new ArrayList<>()).add(millis);
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- report

    String notes() {
        return notes.toString();
    }

    /** The raw rounds as CSV, or an empty string when none ran. */
    String csv() {
        return rounds.isEmpty() ? "" : csv.toString();
    }

    /** The report's section, or an empty string when the phase measured nothing. */
    String report() {
        StringBuilder r = new StringBuilder();
        if (!rounds.isEmpty()) {
            r.append(Stats.fmt("### Cluster: two starter nodes sharing sessions through Redis vs one in-memory node "
                    + "(JSON tools/call `echo`; %d alternating rounds of %d s after a warm-up until each setup "
                    + "settled; median [min–max])%n%n", options.rounds, options.seconds));
            r.append("| conns | setup | tools/call/s | p50 ms | p99 ms | nodes' CPU µs/call | Redis CPU µs/call "
                    + "| nginx CPU µs/call | Redis commands/call (with those in scripts) | wrk cores | errors |\n");
            r.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (int connections : options.connections) {
                for (String setup : List.of(DIRECT, MEMORY_NGINX, REDIS_NGINX)) {
                    List<WrkLoad.Result> results = rounds.get(connections + "|" + setup);
                    if (results == null) {
                        continue;
                    }
                    boolean redis = setup.equals(REDIS_NGINX);
                    boolean nginx = !setup.equals(DIRECT);
                    r.append(Stats.fmt("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %d |%n", connections,
                            setup, Stats.range(values(results, WrkLoad.Result::throughput), "%,.0f"),
                            Stats.range(values(results, WrkLoad.Result::p50Micros), "%.2f", v -> v / 1000),
                            Stats.range(values(results, WrkLoad.Result::p99Micros), "%.2f", v -> v / 1000),
                            Stats.range(values(results, WrkLoad.Result::serverCpuMicrosPerRequest), "%.0f"),
                            redis ? Stats.range(values(results, WrkLoad.Result::redisCpuMicrosPerRequest), "%.0f")
                                    : "–",
                            nginx ? Stats.range(values(results, WrkLoad.Result::proxyCpuMicrosPerRequest), "%.0f")
                                    : "–",
                            redis ? Stats.range(redisCommands.getOrDefault(connections, List.of()), "%.2f") : "–",
                            Stats.median(values(results, WrkLoad.Result::wrkCores)),
                            results.stream().mapToLong(WrkLoad.Result::errors).sum()));
                }
            }
            r.append("\nRatios of the medians (throughput: also the range of the per-round ratios; the runs of a "
                    + "round are back to back). Below 1 for throughput, above 1 for latency and CPU: the first "
                    + "setup costs more.\n\n");
            r.append("| conns | ratio | tools/call/s | p50 | p99 | nodes' CPU per call | all CPU per call "
                    + "(nodes + Redis + nginx) |\n|---|---|---|---|---|---|---|\n");
            for (int connections : options.connections) {
                ratioRow(r, connections, REDIS_NGINX, MEMORY_NGINX,
                        "**2 Redis nodes / 1 in-memory node**, both via nginx: the cost of Redis");
                ratioRow(r, connections, MEMORY_NGINX, DIRECT,
                        "1 in-memory node via nginx / direct: the cost of nginx");
                ratioRow(r, connections, REDIS_NGINX, DIRECT,
                        "2 Redis nodes via nginx / 1 in-memory node direct: both");
            }
            r.append('\n');
            for (int connections : options.connections) {
                if (rounds.containsKey(connections + "|" + REDIS_NGINX)
                        && rounds.containsKey(connections + "|" + MEMORY_NGINX)
                        && rounds.containsKey(connections + "|" + DIRECT)) {
                    r.append(Stats.fmt("At %d connections, per call (medians): sharing sessions through Redis adds "
                            + "%+.0f µs on the nodes and %.0f µs in Redis (%.2f commands); nginx takes %.0f µs of "
                            + "its own and changes the node's by %+.0f µs.%n", connections,
                            difference(connections, REDIS_NGINX, MEMORY_NGINX,
                                    WrkLoad.Result::serverCpuMicrosPerRequest),
                            median(connections, REDIS_NGINX, WrkLoad.Result::redisCpuMicrosPerRequest),
                            Stats.median(redisCommands.getOrDefault(connections, List.of())),
                            median(connections, MEMORY_NGINX, WrkLoad.Result::proxyCpuMicrosPerRequest),
                            difference(connections, MEMORY_NGINX, DIRECT, WrkLoad.Result::serverCpuMicrosPerRequest)));
                }
            }
            r.append(Stats.fmt("%nThe two nodes, Redis, nginx and wrk all run on this machine's %d CPUs: the "
                    + "throughput ratio measures what sharing sessions costs per call, not what a second node adds "
                    + "in capacity.%n%n", Runtime.getRuntime().availableProcessors()));
        }
        if (!sampling.isEmpty()) {
            r.append(Stats.fmt("### Cluster: sampling round trip (one client per setup, one call at a time, %d "
                    + "calls each, interleaved)%n%n", options.samplingCalls));
            r.append("| setup | echo p50 ms | echo p99 ms | sample p50 ms | sample p99 ms "
                    + "| sample − echo p50 ms |\n");
            r.append("|---|---|---|---|---|---|\n");
            for (String setup : List.of(SAMPLING_MEMORY, SAMPLING_REDIS)) {
                r.append(Stats.fmt("| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n", setup, sample(setup, "echo", 50),
                        sample(setup, "echo", 99), sample(setup, "sample", 50), sample(setup, "sample", 99),
                        sample(setup, "sample", 50) - sample(setup, "echo", 50)));
            }
            r.append(Stats.fmt("| **2 Redis nodes / 1 in-memory node** | **%.2f** | %.2f | **%.2f** | %.2f "
                    + "| %.2f |%n%n",
                    sampleRatio("echo", 50), sampleRatio("echo", 99), sampleRatio("sample", 50),
                    sampleRatio("sample", 99),
                    (sample(SAMPLING_REDIS, "sample", 50) - sample(SAMPLING_REDIS, "echo", 50))
                            / (sample(SAMPLING_MEMORY, "sample", 50) - sample(SAMPLING_MEMORY, "echo", 50))));
        }
        return r.toString();
    }

    private void ratioRow(StringBuilder r, int connections, String top, String bottom, String label) {
        List<WrkLoad.Result> numerator = rounds.get(connections + "|" + top);
        List<WrkLoad.Result> denominator = rounds.get(connections + "|" + bottom);
        if (numerator == null || denominator == null) {
            return;
        }
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; i < Math.min(numerator.size(), denominator.size()); i++) {
            perRound.add(numerator.get(i).throughput() / denominator.get(i).throughput());
        }
        r.append(Stats.fmt("| %d | %s | **%.2f** (rounds %.2f–%.2f) | %.2f | %.2f | %.2f | **%.2f** |%n", connections,
                label, ratio(connections, top, bottom, WrkLoad.Result::throughput), Stats.min(perRound),
                Stats.max(perRound), ratio(connections, top, bottom, WrkLoad.Result::p50Micros),
                ratio(connections, top, bottom, WrkLoad.Result::p99Micros),
                ratio(connections, top, bottom, WrkLoad.Result::serverCpuMicrosPerRequest),
                ratio(connections, top, bottom, WrkLoad.Result::totalCpuMicrosPerRequest)));
    }

    private double median(int connections, String setup, ToDoubleFunction<WrkLoad.Result> getter) {
        return Stats.median(values(rounds.get(connections + "|" + setup), getter));
    }

    private double ratio(int connections, String top, String bottom, ToDoubleFunction<WrkLoad.Result> getter) {
        return median(connections, top, getter) / median(connections, bottom, getter);
    }

    private double difference(int connections, String top, String bottom, ToDoubleFunction<WrkLoad.Result> getter) {
        return median(connections, top, getter) - median(connections, bottom, getter);
    }

    private double sample(String setup, String tool, double percentile) {
        return Stats.percentile(sampling.getOrDefault(setup + "|" + tool, List.of()).stream()
            .mapToDouble(Double::doubleValue).toArray(), percentile);
    }

    private double sampleRatio(String tool, double percentile) {
        return sample(SAMPLING_REDIS, tool, percentile) / sample(SAMPLING_MEMORY, tool, percentile);
    }

    private static List<Double> values(List<WrkLoad.Result> results, ToDoubleFunction<WrkLoad.Result> getter) {
        return results.stream().mapToDouble(getter).boxed().toList();
    }
}
