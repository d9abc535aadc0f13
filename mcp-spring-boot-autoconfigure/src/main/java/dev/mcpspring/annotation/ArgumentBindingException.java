package dev.mcpspring.annotation;

/** An argument of a tool call could not be bound; the message says what is wrong, in words for the model. */
final class ArgumentBindingException extends RuntimeException {

    ArgumentBindingException(String message) {
        super(message, null, false, false);
    }
}
