/** Unit conversion: a tool whose argument and result are records with descriptions. */
@NullMarked
package dev.mcpspring.sample.units;

import org.jspecify.annotations.NullMarked;
