package dev.mcpspring.sample.stats;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;

/** Descriptive statistics. */
@Component
public class StatisticsTools {

    @McpTool(description = "Computes count, min, max, mean, median and standard deviation of a list of numbers",
            readOnlyHint = true, idempotentHint = true, openWorldHint = false, destructiveHint = false)
    public Statistics statistics(@McpToolParam(description = "The numbers, at least one") List<Double> numbers) {
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("Give at least one number");
        }
        List<Double> sorted = numbers.stream().sorted().toList();
        int n = sorted.size();
        // computed on the numbers divided by a power of two near the largest, so that sums and squares of numbers
        // close to Double.MAX_VALUE do not overflow to infinity, which JSON cannot carry
        double largest = Math.max(Math.abs(sorted.get(0)), Math.abs(sorted.get(n - 1)));
        double scale = largest == 0 ? 1 : Math.scalb(1.0, Math.getExponent(largest));
        double scaledMean = 0;
        for (int i = 0; i < n; i++) {
            scaledMean += (sorted.get(i) / scale - scaledMean) / (i + 1);
        }
        double scaledVariance = 0;
        for (double x : sorted) {
            scaledVariance += (x / scale - scaledMean) * (x / scale - scaledMean) / n;
        }
        double median = n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1) / 2 + sorted.get(n / 2) / 2;
        return new Statistics(n, sorted.get(0), sorted.get(n - 1), scaledMean * scale, median,
                Math.sqrt(scaledVariance) * scale);
    }
}
