package dev.mcpspring.bench.mcp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Measures, per {@code MCP-Protocol-Version} of the request, the CPU time and the heap allocated on the request's
 * thread while the starter handles a {@code POST /mcp}: the part of a call's cost that is the starter's, free of
 * what the VM does meanwhile. Off (a volatile read per request) until {@code POST /bench/request-cpu} starts a
 * measurement; {@code GET /bench/request-cpu} reads it and turns it off. It counts only calls answered on the
 * request's thread, which is how the benchmark's {@code echo} is answered.
 */
@RestController
public class RequestCpuMeter extends OncePerRequestFilter {

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Map<String, Totals> byVersion = new ConcurrentHashMap<>();

    private volatile boolean measuring;

    /** Calls, CPU nanoseconds and allocated bytes of one protocol version. */
    private static final class Totals {

        final LongAdder calls = new LongAdder();

        final LongAdder cpuNanos = new LongAdder();

        final LongAdder allocatedBytes = new LongAdder();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !measuring || !"POST".equals(request.getMethod()) || !"/mcp".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        chain.doFilter(request, response);
        long cpuTaken = threads.getCurrentThreadCpuTime() - cpu;
        long allocatedTaken = threads.getCurrentThreadAllocatedBytes() - allocated;
        String version = String.valueOf(request.getHeader("MCP-Protocol-Version"));
        Totals totals = byVersion.computeIfAbsent(version, key -> new Totals());
        totals.calls.increment();
        totals.cpuNanos.add(cpuTaken);
        totals.allocatedBytes.add(allocatedTaken);
    }

    /** Forgets what was measured and starts measuring. */
    @PostMapping("/bench/request-cpu")
    public Map<String, Object> start() {
        byVersion.clear();
        measuring = true;
        return Map.of("measuring", true);
    }

    /** Stops measuring and returns, per protocol version, its calls, CPU nanoseconds and allocated bytes. */
    @GetMapping("/bench/request-cpu")
    public Map<String, Map<String, Long>> read() {
        measuring = false;
        Map<String, Map<String, Long>> result = new TreeMap<>();
        byVersion.forEach((version, totals) -> result.put(version, Map.of("calls", totals.calls.sum(), "cpuNanos",
                totals.cpuNanos.sum(), "allocatedBytes", totals.allocatedBytes.sum())));
        return result;
    }
}
