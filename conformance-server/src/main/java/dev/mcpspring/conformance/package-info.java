/**
 * The fixtures of the official MCP conformance suite: tools, resources, prompts and completions named as the suite
 * expects, built on the starter's public API only.
 */
@NullMarked
package dev.mcpspring.conformance;

import org.jspecify.annotations.NullMarked;
