/** A file search across the client's roots, with log messages for the roots it skips. */
@NullMarked
package dev.mcpspring.sample.workspace;

import org.jspecify.annotations.NullMarked;
