package dev.mcpspring.bench.runner;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Medians, ranges and percentiles, and how the table prints them. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Percentile by linear interpolation between closest ranks. */
    static double percentile(double[] values, double percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = percentile / 100.0 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /** "median [min–max]" with the given format, after applying {@code scale}. */
    static String range(List<Double> values, String format, DoubleUnaryOperator scale) {
        if (values.isEmpty()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, format, scale.applyAsDouble(median(values))) + " ["
                + String.format(Locale.ROOT, format, scale.applyAsDouble(min(values))) + "–"
                + String.format(Locale.ROOT, format, scale.applyAsDouble(max(values))) + "]";
    }

    static String range(List<Double> values, String format) {
        return range(values, format, v -> v);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
