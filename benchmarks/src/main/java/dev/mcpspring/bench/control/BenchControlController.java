package dev.mcpspring.bench.control;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Measurements from inside the server JVM, for the runner: used heap after full GCs, and live platform threads
 * ({@link ThreadMXBean} counts platform threads only; virtual threads are not in it). Both servers have it.
 * Served by Spring MVC on {@code /bench/*}, bound to 127.0.0.1 like everything else.
 */
@RestController
public class BenchControlController {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** Used heap in bytes after repeated full GCs, until two readings agree within 64 KB. */
    @GetMapping("/bench/heap")
    public Map<String, Object> heap() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 8; i++) {
            System.gc();
            Thread.sleep(100);
            used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                break;
            }
            previous = used;
        }
        return Map.of("used", used, "committed", memory.getHeapMemoryUsage().getCommitted());
    }

    /** Live platform threads, in total and grouped by name with the digits left out. */
    @GetMapping("/bench/threads")
    public Map<String, Object> threads() {
        Map<String, Integer> groups = new TreeMap<>();
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info != null) {
                groups.merge(info.getThreadName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
        }
        return Map.of("platform", threads.getThreadCount(), "groups", groups);
    }
}
