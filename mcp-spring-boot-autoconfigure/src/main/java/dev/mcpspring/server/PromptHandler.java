package dev.mcpspring.server;

import dev.mcpspring.protocol.GetPromptResult;

/** Builds a prompt's messages for {@code prompts/get}. */
@FunctionalInterface
public interface PromptHandler {

    /** The prompt with its arguments filled in. */
    GetPromptResult get(PromptInvocation invocation);
}
