package dev.mcpspring.sample.stats;

/**
 * Summary statistics of a list of numbers.
 *
 * @param count             how many numbers
 * @param min               the smallest
 * @param max               the largest
 * @param mean              the arithmetic mean
 * @param median            the middle value
 * @param standardDeviation the population standard deviation
 */
public record Statistics(int count, double min, double max, double mean, double median,
        double standardDeviation) {
}
