package dev.mcpspring.server;

import dev.mcpspring.protocol.Prompt;

/**
 * A prompt: its definition as listed, and the code that fills it in.
 *
 * @param prompt  the definition sent in {@code prompts/list}
 * @param handler what runs on {@code prompts/get}
 * @param source  where it came from, for error messages
 */
public record PromptSpecification(Prompt prompt, PromptHandler handler, String source) {

    public PromptSpecification(Prompt prompt, PromptHandler handler) {
        this(prompt, handler, prompt.name());
    }
}
