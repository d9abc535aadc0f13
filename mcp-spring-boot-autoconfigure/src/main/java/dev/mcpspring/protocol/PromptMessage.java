package dev.mcpspring.protocol;

/**
 * One message of a prompt: text, image, audio, a resource link or an embedded resource, from the user or the
 * assistant.
 *
 * @param role    who the message is from
 * @param content its content
 */
public record PromptMessage(Role role, Content content) {

    /** A user message with text. */
    public static PromptMessage user(String text) {
        return new PromptMessage(Role.USER, Content.text(text));
    }

    /** An assistant message with text. */
    public static PromptMessage assistant(String text) {
        return new PromptMessage(Role.ASSISTANT, Content.text(text));
    }
}
