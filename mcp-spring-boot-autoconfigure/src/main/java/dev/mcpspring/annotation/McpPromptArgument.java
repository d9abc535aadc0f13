package dev.mcpspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes an argument of a {@link McpPrompt} method, as listed in the prompt's {@code arguments}.
 * <p>
 * Prompt arguments have an annotation of their own rather than reusing {@link McpToolParam}: they are always
 * strings on the wire, have no JSON Schema, and carry a {@link #title()} that tool parameters do not.
 * <p>
 * An argument is required unless it says {@code required = false}, has an {@link java.util.Optional} type, or is
 * annotated with an annotation named {@code @Nullable}. A missing optional argument is bound as {@code null},
 * {@code Optional.empty()}, or the default value of a primitive type.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpPromptArgument {

    /**
     * The argument's name in the request's {@code arguments}. Defaults to the parameter's name, which needs the
     * {@code -parameters} compiler flag.
     */
    String name() default "";

    /** A human-readable name for user interfaces; none when empty. */
    String title() default "";

    /** What the argument means; none when empty. */
    String description() default "";

    /** Whether {@code prompts/get} must supply the argument. */
    boolean required() default true;
}
