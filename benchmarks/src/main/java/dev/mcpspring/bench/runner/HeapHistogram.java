package dev.mcpspring.bench.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Class histograms of live objects ({@code jcmd <pid> GC.class_histogram}, which runs a full GC first) and the
 * difference between two of them: which classes hold the heap that N sessions or streams added.
 */
final class HeapHistogram {

    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** instances and bytes by class name. */
    final Map<String, long[]> classes;

    private HeapHistogram(Map<String, long[]> classes) {
        this.classes = classes;
    }

    static HeapHistogram take(Path java, long pid) throws IOException, InterruptedException {
        Path jcmd = java.getParent().resolve("jcmd");
        Process process = new ProcessBuilder(List.of(jcmd.toString(), String.valueOf(pid), "GC.class_histogram"))
            .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Map<String, long[]> classes = new HashMap<>();
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.find()) {
                classes.merge(matcher.group(3), new long[] { Long.parseLong(matcher.group(1)),
                    Long.parseLong(matcher.group(2)) }, (a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
            }
        }
        return new HeapHistogram(classes);
    }

    /** The classes that grew most from {@code before} to this, per {@code unit} (a session, a stream). */
    String growthSince(HeapHistogram before, int units, String unit, int top) {
        Map<String, long[]> growth = new HashMap<>();
        classes.forEach((name, now) -> {
            long[] then = before.classes.getOrDefault(name, new long[2]);
            growth.put(name, new long[] { now[0] - then[0], now[1] - then[1] });
        });
        long total = growth.values().stream().mapToLong(v -> v[1]).sum();
        StringBuilder out = new StringBuilder(Stats.fmt("live heap growth: %,d bytes = %.0f bytes per %s; "
                + "top classes (instances and bytes per %s):%n", total, total / (double) units, unit, unit));
        growth.entrySet().stream()
            .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
            .limit(top)
            .forEach(e -> out.append(Stats.fmt("  %8.2f  %9.1f B  %s%n", e.getValue()[0] / (double) units,
                    e.getValue()[1] / (double) units, e.getKey())));
        long own = growth.entrySet().stream().filter(e -> e.getKey().startsWith("dev.mcpspring."))
            .mapToLong(e -> e.getValue()[1]).sum();
        long tomcat = growth.entrySet().stream().filter(e -> e.getKey().startsWith("org.apache."))
            .mapToLong(e -> e.getValue()[1]).sum();
        out.append(Stats.fmt("  instances of dev.mcpspring.* classes: %.1f B per %s; of org.apache.* (Tomcat) "
                + "classes: %.1f B per %s (arrays and JDK classes are not attributed)%n", own / (double) units,
                unit, tomcat / (double) units, unit));
        return out.toString();
    }
}
