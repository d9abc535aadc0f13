package dev.mcpspring.bench.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** User plus system CPU time of a process, or of a group of processes, read from {@code /proc}. */
@FunctionalInterface
interface CpuTime {

    /** For a wrk run with no such process (no Redis, no proxy). */
    CpuTime NONE = () -> 0;

    /** CPU time so far, in nanoseconds. */
    long cpuNanos();

    /** The sum over several processes, for example the nodes of a cluster. */
    static CpuTime sum(List<? extends CpuTime> parts) {
        return () -> parts.stream().mapToLong(CpuTime::cpuNanos).sum();
    }

    /** User plus system time of one process from {@code /proc/<pid>/stat}, in nanoseconds. */
    static long ofPid(long pid) throws IOException {
        // utime and stime are fields 14 and 15, in clock ticks (USER_HZ, 100 on Linux)
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }
}
