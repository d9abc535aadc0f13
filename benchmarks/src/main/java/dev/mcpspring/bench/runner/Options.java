package dev.mcpspring.bench.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line options of the runner; {@code --help} lists them. */
final class Options {

    static final Set<String> PHASES = Set.of("throughput", "stateless", "sampling", "observability", "cluster",
            "sessions", "streams", "startup");

    boolean quick;

    int rounds = 5;

    int seconds = 10;

    int warmupSeconds = 10;

    List<Integer> connections = List.of(16, 64);

    int wrkThreads = 2;

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    List<String> jvmFlags = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    Set<String> phases = new LinkedHashSet<>(
            List.of("throughput", "stateless", "sampling", "observability", "cluster", "sessions", "streams",
                    "startup"));

    boolean profile;

    int profileSeconds = 20;

    List<Integer> sessionCounts = List.of(10_000, 100_000);

    boolean httpSessionsAtEverySize = true;

    int streams = 10_000;

    int broadcasts = 3;

    /**
     * Heap of the server holding the open GET streams: Tomcat keeps about 100 KB of buffers per asynchronous
     * request, so 10,000 streams need about 1 GB of live heap and would leave a 1 GB heap collecting all the time.
     */
    String streamsHeap = "2g";

    int samplingCalls = 2000;

    int samplingWarmup = 1000;

    int startupRounds = 5;

    Path root;

    Path out;

    Path wrk = Path.of("wrk");

    String label = "";

    /** Whether the Quarkus MCP comparison server takes part (phases throughput and startup). */
    boolean quarkus = true;

    /**
     * Whether the Spring servers of the tools/call rounds run on Tomcat's defaults instead of the harness's
     * settings (unlimited keep-alive requests, 15,000 connections, accept count 1,024).
     */
    boolean containerDefaults;

    /**
     * Whether the Spring servers of the tools/call rounds serve requests on virtual threads
     * ({@code spring.threads.virtual.enabled=true}, the tuning docs/performance.md recommends on Java 21 and later).
     */
    boolean virtualThreads;

    /** Spring Boot 4.1's Tomcat defaults, passed to the Spring servers with {@code --container-defaults}. */
    static final List<String> TOMCAT_DEFAULTS = List.of("--server.tomcat.max-keep-alive-requests=100",
            "--server.tomcat.max-connections=8192", "--server.tomcat.accept-count=100");

    static final String HELP = """
            usage: benchmarks/run.sh [options]   (or java -jar benchmarks.jar run [options])
              --quick                 short validation run: 2 rounds x 3 s, 5 s warm-up, fewer samples
              --rounds N              measured rounds per figure (default 5)
              --duration S            seconds per wrk run (default 10)
              --warmup S              seconds of wrk warm-up per server and answer kind (default 10)
              --connections 16,64     wrk connection counts
              --wrk-threads N         wrk threads (default 2)
              --jdk PATH              JDK home the servers run on (default: the runner's)
              --jvm-flags "..."       flags of every server JVM (default "-Xms1g -Xmx1g -XX:+UseG1GC")
              --only a,b              phases: throughput,stateless,sampling,observability,cluster,sessions,
                                      streams,startup (default all)
                                        throughput: JSON and SSE tools/call of the bare controller, the
                                                    starter and Quarkus MCP (2025-11-25 sessions)
                                        stateless:  the starter's 2026-07-28 stateless JSON tools/call, in the
                                                    same rounds as its 2025 JSON call (--only stateless: those
                                                    two calls alone, without the bare server and SSE); then the
                                                    two side by side, by turns on every connection, with the
                                                    CPU and heap of each on the request's thread measured in
                                                    the server
                                        observability: the starter's JSON and SSE tools/call without
                                                    Micrometer, with Actuator + Prometheus, and with Brave
                                                    tracing as well (every call sampled), same rounds
                                        cluster:    the starter's JSON tools/call and sampling round trip on one
                                                    in-memory node vs two nodes sharing sessions through Redis
                                                    behind nginx round robin (needs redis-server and nginx);
                                                    same rounds, durations and sampling calls
                                        startup:    process start to first answered initialize: sample-app,
                                                    the starter's and Quarkus' benchmark servers, bare MVC
              --skip a,b              leave these phases out (e.g. --skip stateless,streams)
              --profile               also record JFR on the servers (bare, starter, Quarkus): JSON at the
                                      fewest connections (and the starter's stateless JSON with the
                                      stateless phase), SSE at the most
                                      (summaries in the report, recordings in the output directory)
              --sessions 10000,100000 idle-session counts for the heap figure
              --streams N             open GET streams (default 10000)
              --streams-heap SIZE     -Xms/-Xmx of the server holding them (default 2g; see the README)
              --sampling-calls N      measured calls per kind in the sampling comparison (default 2000)
              --startup-rounds N      start-ups of each application (default 5)
              --root DIR              repository root (default: found from the jar)
              --out DIR               where results and logs go (default benchmarks/target/bench-results)
              --label TEXT            a note printed in the table's heading
              --no-quarkus            leave the Quarkus MCP comparison server out (throughput and start-up)
              --container-defaults    the Spring servers of the tools/call rounds on Tomcat's defaults
                                      (max-keep-alive-requests 100, max-connections 8192, accept-count 100)
                                      instead of the harness's settings; Quarkus always runs on its defaults
              --virtual-threads       the Spring servers of the tools/call rounds with
                                      spring.threads.virtual.enabled=true (Tomcat serves every request on a
                                      virtual thread; needs Java 21+); combines with --container-defaults
            """;

    static Options parse(String[] args) {
        Options options = new Options();
        List<String> list = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            switch (arg) {
                case "--quick" -> {
                    options.quick = true;
                    options.rounds = 2;
                    options.seconds = 3;
                    options.warmupSeconds = 5;
                    options.samplingCalls = 300;
                    options.samplingWarmup = 300;
                    options.startupRounds = 2;
                    options.broadcasts = 2;
                    options.profileSeconds = 8;
                    options.httpSessionsAtEverySize = false;
                }
                case "--rounds" -> options.rounds = Integer.parseInt(list.get(++i));
                case "--duration" -> options.seconds = Integer.parseInt(list.get(++i));
                case "--warmup" -> options.warmupSeconds = Integer.parseInt(list.get(++i));
                case "--connections" -> options.connections = ints(list.get(++i));
                case "--wrk-threads" -> options.wrkThreads = Integer.parseInt(list.get(++i));
                case "--jdk" -> options.java = Path.of(list.get(++i), "bin", "java");
                case "--jvm-flags" -> options.jvmFlags = List.of(list.get(++i).trim().split("\\s+"));
                case "--only" -> {
                    options.phases = new LinkedHashSet<>(Arrays.asList(list.get(++i).split(",")));
                    if (!PHASES.containsAll(options.phases)) {
                        throw new IllegalArgumentException("--only takes " + PHASES);
                    }
                }
                case "--skip" -> {
                    List<String> skipped = Arrays.asList(list.get(++i).split(","));
                    if (!PHASES.containsAll(skipped)) {
                        throw new IllegalArgumentException("--skip takes " + PHASES);
                    }
                    options.phases.removeAll(skipped);
                }
                case "--profile" -> options.profile = true;
                case "--sessions" -> options.sessionCounts = ints(list.get(++i));
                case "--streams" -> options.streams = Integer.parseInt(list.get(++i));
                case "--streams-heap" -> options.streamsHeap = list.get(++i);
                case "--sampling-calls" -> options.samplingCalls = Integer.parseInt(list.get(++i));
                case "--startup-rounds" -> options.startupRounds = Integer.parseInt(list.get(++i));
                case "--root" -> options.root = Path.of(list.get(++i));
                case "--out" -> options.out = Path.of(list.get(++i));
                case "--wrk" -> options.wrk = Path.of(list.get(++i));
                case "--label" -> options.label = list.get(++i);
                case "--no-quarkus" -> options.quarkus = false;
                case "--container-defaults" -> options.containerDefaults = true;
                case "--virtual-threads" -> options.virtualThreads = true;
                case "--help", "-h" -> {
                    System.out.print(HELP);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + HELP);
            }
        }
        return options;
    }

    /** The server flags with the heap of the streams server. */
    List<String> streamsJvmFlags() {
        List<String> flags = new ArrayList<>(jvmFlags.stream()
            .filter(flag -> !flag.startsWith("-Xmx") && !flag.startsWith("-Xms")).toList());
        flags.add(0, "-Xmx" + streamsHeap);
        flags.add(0, "-Xms" + streamsHeap);
        return flags;
    }

    private static List<Integer> ints(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
