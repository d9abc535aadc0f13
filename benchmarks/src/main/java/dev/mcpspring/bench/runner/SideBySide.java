package dev.mcpspring.bench.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpspring.bench.control.BenchProtocol;
import tools.jackson.databind.JsonNode;

/**
 * The 2026-07-28 stateless call and the 2025 session call measured side by side: one wrk run sends the two by
 * turns on every connection (the Lua script's {@code mixed} mode), and the starter's benchmark server measures
 * the CPU time and the heap allocated on the request's thread per call of each version ({@code /bench/request-cpu}).
 * Both calls meet the same state of the VM, so their ratio is free of the drift between rounds that dominates
 * the whole-process figures of alternating runs on a shared machine. What it leaves out is the same for both:
 * Tomcat's reading of the request head before the servlet, garbage collection, the JIT.
 * <p>
 * A control run follows each ({@code mixed-control}): the session call then carries the stateless call's
 * {@code _meta} as well, so that the two parse the same bytes; its ratio tells what the revision's bigger request
 * costs from what each era's handling of a call costs.
 */
final class SideBySide {

    /** One measured run: per call of each version, request-thread CPU µs and allocated bytes. */
    record Run(long statelessCalls, double statelessCpuMicros, double statelessBytes, long sessionCalls,
            double sessionCpuMicros, double sessionBytes, long errors) {

        double cpuRatio() {
            return statelessCpuMicros / sessionCpuMicros;
        }

        double bytesRatio() {
            return statelessBytes / sessionBytes;
        }
    }

    private final Map<Integer, List<Run>> runs = new LinkedHashMap<>();

    private final Map<Integer, List<Run>> controls = new LinkedHashMap<>();

    /**
     * Loads {@code server} with both calls by turns for {@code seconds} and records what its meter measured; a
     * {@code control} run gives the session call the stateless call's {@code _meta}.
     */
    Run measure(Path wrk, Path script, ServerProcess server, int threads, int connections, int seconds,
            List<String> sessions, boolean control) throws Exception {
        server.postJson("/bench/request-cpu");
        WrkLoad.Result load = WrkLoad.run(wrk, script, server, threads, connections, seconds,
                control ? "mixed-control" : "mixed", sessions);
        JsonNode measured = server.getJson("/bench/request-cpu");
        JsonNode stateless = measured.path(BenchProtocol.STATELESS_VERSION);
        JsonNode session = measured.path(BenchProtocol.VERSION);
        long statelessCalls = stateless.path("calls").asLong();
        long sessionCalls = session.path("calls").asLong();
        if (statelessCalls == 0 || sessionCalls == 0) {
            throw new IllegalStateException("the server measured no calls of one version: " + measured);
        }
        Run run = new Run(statelessCalls, stateless.path("cpuNanos").asLong() / 1000.0 / statelessCalls,
                (double) stateless.path("allocatedBytes").asLong() / statelessCalls, sessionCalls,
                session.path("cpuNanos").asLong() / 1000.0 / sessionCalls,
                (double) session.path("allocatedBytes").asLong() / sessionCalls, load.errors());
        (control ? controls : runs).computeIfAbsent(connections, key -> new ArrayList<>()).add(run);
        return run;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /** The report's section: medians and ranges over the rounds, per connection count. */
    String report(int rounds, int seconds) {
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder r = new StringBuilder(Stats.fmt("### 2026-07-28 stateless and 2025 session calls side by side "
                + "(%d runs of %d s, the two calls by turns on every connection; CPU and heap allocated on the "
                + "request's thread per call, measured in the server); median [min–max]%n%n", rounds, seconds));
        r.append("| session call | conns | stateless CPU µs/call | session CPU µs/call | **stateless ÷ session CPU** | "
                + "stateless bytes/call | session bytes/call | stateless ÷ session bytes | errors |\n");
        r.append("|---|---|---|---|---|---|---|---|---|\n");
        rows(r, "as a 2025 client sends it", runs);
        rows(r, "control: with the stateless call's `_meta`", controls);
        return r.append('\n').toString();
    }

    private static void rows(StringBuilder r, String kind, Map<Integer, List<Run>> byConnections) {
        byConnections.forEach((connections, list) -> r.append(Stats.fmt("| %s | %d | %s | %s | **%s** | %s | %s | %s "
                + "| %d |%n", kind, connections, Stats.range(values(list, Run::statelessCpuMicros), "%.1f"),
                Stats.range(values(list, Run::sessionCpuMicros), "%.1f"),
                Stats.range(values(list, Run::cpuRatio), "%.3f"),
                Stats.range(values(list, Run::statelessBytes), "%,.0f"),
                Stats.range(values(list, Run::sessionBytes), "%,.0f"),
                Stats.range(values(list, Run::bytesRatio), "%.3f"),
                list.stream().mapToLong(Run::errors).sum())));
    }

    /** Target rows: the stateless call's request-thread CPU per call no more than the session call's. */
    String targets() {
        StringBuilder t = new StringBuilder();
        runs.forEach((connections, list) -> {
            double ratio = Stats.median(values(list, Run::cpuRatio));
            List<Run> control = controls.getOrDefault(connections, List.of());
            t.append(Stats.fmt("| 2026-07-28 stateless call's CPU on the request's thread ≤ a 2025 session call's, "
                    + "side by side, at %d connections | %.3f × (runs %.3f–%.3f; heap allocated %.3f ×%s) | %s |%n",
                    connections, ratio, Stats.min(values(list, Run::cpuRatio)),
                    Stats.max(values(list, Run::cpuRatio)), Stats.median(values(list, Run::bytesRatio)),
                    control.isEmpty() ? "" : Stats.fmt("; against a session call with the same `_meta`: %.3f ×",
                            Stats.median(values(control, Run::cpuRatio))),
                    ratio <= 1.0 ? "met" : "**missed**"));
        });
        return t.toString();
    }

    private static List<Double> values(List<Run> list, java.util.function.ToDoubleFunction<Run> getter) {
        return list.stream().map(run -> getter.applyAsDouble(run)).toList();
    }
}
