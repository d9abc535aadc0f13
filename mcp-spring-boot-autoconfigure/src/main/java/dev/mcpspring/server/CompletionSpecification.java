package dev.mcpspring.server;

import dev.mcpspring.protocol.CompleteRequest;

/**
 * Completion of one argument of a prompt, or one variable of a resource template.
 *
 * @param refType  {@link CompleteRequest#PROMPT_REF} or {@link CompleteRequest#RESOURCE_REF}
 * @param ref      the prompt's name or the resource template
 * @param argument the argument or variable name
 * @param handler  what suggests values
 * @param source   where it came from, for error messages
 */
public record CompletionSpecification(String refType, String ref, String argument, CompletionHandler handler,
        String source) {

    /** Completion of an argument of the prompt {@code promptName}. */
    public static CompletionSpecification forPrompt(String promptName, String argument, CompletionHandler handler) {
        return new CompletionSpecification(CompleteRequest.PROMPT_REF, promptName, argument, handler,
                "prompt " + promptName);
    }

    /** Completion of a variable of the resource template {@code uriTemplate}. */
    public static CompletionSpecification forResourceTemplate(String uriTemplate, String variable,
            CompletionHandler handler) {
        return new CompletionSpecification(CompleteRequest.RESOURCE_REF, uriTemplate, variable, handler,
                "resource template " + uriTemplate);
    }

    /** The registry key: reference type, reference and argument. */
    public String key() {
        return key(refType, ref, argument);
    }

    static String key(String refType, String ref, String argument) {
        return refType + " " + ref + " " + argument;
    }
}
