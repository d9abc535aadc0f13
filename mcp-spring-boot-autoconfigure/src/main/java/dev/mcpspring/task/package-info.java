/**
 * Long-running tools as tasks (the {@code io.modelcontextprotocol/tasks} extension of 2026-07-28 and the
 * experimental tasks utility of 2025-11-25): {@link TaskSupport}, which says whether a tool may, must or never runs
 * as a task ({@code @McpTool(task = ...)}, {@link dev.mcpspring.server.ToolSpecification#taskSupport()}); the
 * {@link TaskStore} seam where tasks live, with its records ({@link TaskRecord}, {@link TaskStatus}); and the
 * in-memory default ({@link InMemoryTaskStore}). Declare a {@code TaskStore} bean to keep tasks elsewhere;
 * {@link dev.mcpspring.task.redis} keeps them on Redis.
 */
@NullMarked
package dev.mcpspring.task;

import org.jspecify.annotations.NullMarked;
