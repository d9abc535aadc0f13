/** A tool with structured output: statistics of a list of numbers as a record. */
@NullMarked
package dev.mcpspring.sample.stats;

import org.jspecify.annotations.NullMarked;
