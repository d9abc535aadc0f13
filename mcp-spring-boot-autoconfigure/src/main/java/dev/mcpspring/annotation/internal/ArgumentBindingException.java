package dev.mcpspring.annotation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** An argument of a tool call could not be bound; the message says what is wrong, in words for the model. */
final class ArgumentBindingException extends RuntimeException {

    ArgumentBindingException(String message) {
        super(message, null, false, false);
    }

    /**
     * The arguments of a call, every one bound even after a failure, so that the client learns of all the wrong
     * ones at once.
     *
     * @param count  how many arguments the method takes
     * @param binder the argument at an index
     * @throws ArgumentBindingException whose message is those of every failure, joined by {@code "; "}
     */
    static Object[] bindAll(int count, IntFunction<Object> binder) {
        Object[] args = new Object[count];
        List<String> problems = null;
        for (int i = 0; i < count; i++) {
            try {
                args[i] = binder.apply(i);
            }
            catch (ArgumentBindingException ex) {
                if (problems == null) {
                    problems = new ArrayList<>(2);
                }
                problems.add(ex.getMessage());
            }
        }
        if (problems != null) {
            throw new ArgumentBindingException(String.join("; ", problems));
        }
        return args;
    }
}
