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
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        double variance = sorted.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / n;
        return new Statistics(n, sorted.get(0), sorted.get(n - 1), mean, median, Math.sqrt(variance));
    }
}
