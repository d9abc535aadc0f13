package dev.mcpspring.bench.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/** Reads a JFR recording of a load run and prints where the CPU samples and allocations went. */
final class JfrSummary {

    private JfrSummary() {
    }

    static String summarize(Path recording, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> firstProjectFrame = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        Map<String, Long> allocationSites = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if (type.equals("jdk.ExecutionSample") && stack != null && !stack.getFrames().isEmpty()) {
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                boolean projectSeen = false;
                for (RecordedFrame frame : frames) {
                    String name = name(frame.getMethod());
                    if (seen.add(name)) {
                        inclusive.merge(name, 1L, Long::sum);
                    }
                    if (!projectSeen && name.startsWith("dev.mcpspring.")) {
                        projectSeen = true;
                        firstProjectFrame.merge(name, 1L, Long::sum);
                    }
                }
            }
            else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = event.getLong("weight");
                allocated += weight;
                allocations.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                if (stack != null) {
                    for (RecordedFrame frame : stack.getFrames()) {
                        String name = name(frame.getMethod());
                        if (name.startsWith("dev.mcpspring.")) {
                            allocationSites.merge(name, weight, Long::sum);
                            break;
                        }
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("CPU samples: ").append(samples).append('\n');
        section(out, "Top self frames (% of CPU samples)", self, samples, top);
        section(out, "Top inclusive frames (% of CPU samples with the method on the stack)",
                inclusive, samples, top);
        Map<String, Long> projectInclusive = new HashMap<>();
        inclusive.forEach((name, count) -> {
            if (name.startsWith("dev.mcpspring.") && !name.contains("$$Lambda") && !name.contains(".lambda$")) {
                projectInclusive.put(name, count);
            }
        });
        section(out, "Top inclusive dev.mcpspring frames", projectInclusive, samples, top);
        section(out, "Innermost dev.mcpspring frame (where the starter's own code leads to the sample)",
                firstProjectFrame, samples, top);
        section(out, "Allocation by class (% of sampled allocation weight)", allocations, allocated, top);
        section(out, "Allocation by innermost dev.mcpspring frame", allocationSites, allocated, top);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Map<String, Long> counts, long total, int top) {
        out.append('\n').append(title).append(":\n");
        Map<String, Long> sorted = counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(top)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        sorted.forEach((name, count) -> out.append(Stats.fmt("  %5.1f%%  %s%n", 100.0 * count / total, name)));
    }

    private static String name(RecordedMethod method) {
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }
}
