/**
 * A sample MCP server built on the starter, to copy from: {@code SampleApplication} and the tools of the
 * sub-packages, each showing one part of the public API. Like Spring, the code is null-marked: types are non-null
 * unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.mcpspring.sample;

import org.jspecify.annotations.NullMarked;
