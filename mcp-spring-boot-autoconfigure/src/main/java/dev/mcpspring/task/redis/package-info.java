/**
 * Tasks kept on Redis: {@link RedisTaskStore}, the {@link dev.mcpspring.task.TaskStore} that the starter uses with
 * {@code mcp.server.session.store=redis}, so that every instance answers for every task and results outlive the
 * instance that ran them.
 */
@NullMarked
package dev.mcpspring.task.redis;

import org.jspecify.annotations.NullMarked;
