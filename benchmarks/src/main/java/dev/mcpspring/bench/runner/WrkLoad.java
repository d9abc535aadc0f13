package dev.mcpspring.bench.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk with the benchmark's Lua script and reads the figures its {@code done()} prints. */
final class WrkLoad {

    /**
     * Where a wrk run sends its requests, and whose CPU time it counts: the MCP servers answering (one, or the
     * nodes of a cluster), and beside them Redis and a proxy ({@link CpuTime#NONE} when there is none).
     */
    record Target(int port, CpuTime servers, CpuTime redis, CpuTime proxy) {

        static Target of(ServerProcess server) {
            return new Target(server.port, server, CpuTime.NONE, CpuTime.NONE);
        }
    }

    /** One wrk run against one target, with the CPU time of its servers, Redis and proxy over the run. */
    record Result(long requests, double seconds, double p50Micros, double p99Micros, long errors,
            double wrkCpuSeconds, long serverCpuNanos, long redisCpuNanos, long proxyCpuNanos) {

        double throughput() {
            return requests / seconds;
        }

        double serverCpuMicrosPerRequest() {
            return perRequestMicros(serverCpuNanos);
        }

        double redisCpuMicrosPerRequest() {
            return perRequestMicros(redisCpuNanos);
        }

        double proxyCpuMicrosPerRequest() {
            return perRequestMicros(proxyCpuNanos);
        }

        /** Servers, Redis and proxy together. */
        double totalCpuMicrosPerRequest() {
            return perRequestMicros(serverCpuNanos + redisCpuNanos + proxyCpuNanos);
        }

        private double perRequestMicros(long nanos) {
            return requests == 0 ? Double.NaN : nanos / 1000.0 / requests;
        }

        /** Cores wrk kept busy on average. */
        double wrkCores() {
            return wrkCpuSeconds / seconds;
        }
    }

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    private WrkLoad() {
    }

    /**
     * Loads {@code server} for {@code seconds}; {@code mode} is the Lua script's ({@code json}, {@code sse} or
     * {@code stateless}), {@code sessionIds} the sessions its connections use (empty for {@code stateless}).
     */
    static Result run(Path wrk, Path script, ServerProcess server, int threads, int connections, int seconds,
            String mode, List<String> sessionIds) throws IOException, InterruptedException {
        return run(wrk, script, Target.of(server), threads, connections, seconds, mode, sessionIds);
    }

    /** As above, against a target: a server, or a proxy in front of servers. */
    static Result run(Path wrk, Path script, Target target, int threads, int connections, int seconds,
            String mode, List<String> sessionIds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$0\" \"$@\"; times", wrk.toString(),
                "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(),
                "http://127.0.0.1:" + target.port() + "/mcp", "--", mode, String.valueOf(threads)));
        if (!sessionIds.isEmpty()) { // the stateless mode has none
            command.addAll(sessionIds.subList(0, connections));
        }
        long cpuBefore = target.servers().cpuNanos();
        long redisBefore = target.redis().cpuNanos();
        long proxyBefore = target.proxy().cpuNanos();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("wrk did not end");
        }
        long cpuAfter = target.servers().cpuNanos();
        long redisAfter = target.redis().cpuNanos();
        long proxyAfter = target.proxy().cpuNanos();
        String text = new String(output, StandardCharsets.UTF_8);
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("BENCH ")) {
                for (String pair : line.substring(6).trim().split(" ")) {
                    String[] kv = pair.split("=");
                    values.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        if (values.isEmpty()) {
            throw new IOException("wrk printed no result:\n" + text);
        }
        // `times` prints the shell's own times, then its children's (wrk): user and system
        double wrkCpu = 0;
        Matcher times = TIMES.matcher(text);
        int found = 0;
        while (times.find()) {
            found++;
            if (found == 2) {
                wrkCpu = Integer.parseInt(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                        + Integer.parseInt(times.group(3)) * 60 + Double.parseDouble(times.group(4));
            }
        }
        long errors = values.get("errors_connect") + values.get("errors_read") + values.get("errors_write")
                + values.get("errors_status") + values.get("errors_timeout");
        return new Result(values.get("requests"), values.get("duration_us") / 1e6, values.get("p50_us"),
                values.get("p99_us"), errors, wrkCpu, cpuAfter - cpuBefore, redisAfter - redisBefore,
                proxyAfter - proxyBefore);
    }
}
