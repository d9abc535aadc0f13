/**
 * Annotations that make methods of Spring beans MCP tools, resources, prompts and completions: {@link McpTool}
 * with {@link McpToolParam}, {@link McpResource}, {@link McpPrompt} with {@link McpPromptArgument},
 * {@link McpComplete}, {@link McpIcon}, and {@link McpTitledEnum} for enum constants with titles. The starter finds
 * the annotated methods of every bean at start-up and registers them; to build entries in code instead, use the
 * specifications of {@link dev.mcpspring.server}.
 */
@NullMarked
package dev.mcpspring.annotation;

import org.jspecify.annotations.NullMarked;
