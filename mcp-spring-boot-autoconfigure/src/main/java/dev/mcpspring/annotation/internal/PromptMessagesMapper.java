package dev.mcpspring.annotation.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.Role;
import org.springframework.core.ResolvableType;

/**
 * Turns what a {@link McpPrompt} method returned into its {@link GetPromptResult}: a {@code String} or a
 * {@link Content} is a user message, a {@link PromptMessage} is used as given, and so is every element of a
 * collection or array of them; a {@link GetPromptResult} is used as given. {@code null} gives no messages.
 */
final class PromptMessagesMapper {

    private static final String SUPPORTED = "a prompt method returns a String, a Content, a PromptMessage, a list"
            + " or array of them, or a GetPromptResult";

    private final String description;

    /** @param description the prompt's description, given to results that have none */
    PromptMessagesMapper(String description) {
        this.description = description;
    }

    /**
     * Checks that a method's return type can be mapped.
     *
     * @param returnType the declared return type, resolved against the bean class
     * @throws IllegalArgumentException saying what is supported
     */
    static void checkSupported(Type returnType) {
        ResolvableType type = ResolvableType.forType(returnType);
        Class<?> raw = type.toClass();
        if (raw == GetPromptResult.class || raw == Object.class || isElementType(raw)) {
            return;
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            Class<?> element = raw.isArray() ? type.getComponentType().toClass()
                    : type.asCollection().getGeneric(0).toClass();
            if (element == Object.class || isElementType(element)) {
                return;
            }
        }
        throw new IllegalArgumentException("its return type " + type + " is not supported: " + SUPPORTED);
    }

    private static boolean isElementType(Class<?> type) {
        return CharSequence.class.isAssignableFrom(type) || Content.class.isAssignableFrom(type)
                || PromptMessage.class.isAssignableFrom(type);
    }

    /**
     * The result for a returned value.
     *
     * @throws IllegalStateException when the value (of a method declared to return {@code Object}) is of a type
     *                               that cannot be a message
     */
    GetPromptResult map(Object value) {
        if (value instanceof GetPromptResult result) {
            return result.description() != null || description == null ? result
                    : new GetPromptResult(description, result.messages(), result.meta());
        }
        List<PromptMessage> messages = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(element -> add(element, messages));
        }
        else if (value instanceof Object[] array) {
            Arrays.asList(array).forEach(element -> add(element, messages));
        }
        else {
            add(value, messages);
        }
        return new GetPromptResult(description, messages, null);
    }

    private static void add(Object element, List<PromptMessage> messages) {
        if (element == null) {
            return;
        }
        if (element instanceof PromptMessage message) {
            messages.add(message);
        }
        else if (element instanceof Content content) {
            messages.add(new PromptMessage(Role.USER, content));
        }
        else if (element instanceof CharSequence text) {
            messages.add(PromptMessage.user(text.toString()));
        }
        else {
            throw new IllegalStateException("a " + element.getClass().getName() + " cannot be a prompt message: "
                    + SUPPORTED);
        }
    }
}
