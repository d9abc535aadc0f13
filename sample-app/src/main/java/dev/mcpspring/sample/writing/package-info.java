/** Writing help that asks the client's model (sampling). */
@NullMarked
package dev.mcpspring.sample.writing;

import org.jspecify.annotations.NullMarked;
