package dev.mcpspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes an argument of a {@link McpTool} method, or a property of a record or class used as an argument.
 * <p>
 * On a method parameter it sets the argument's description and whether it is required; an argument is required
 * unless it says {@code required = false}, has an {@link java.util.Optional} type, or is annotated with an
 * annotation named {@code @Nullable}. A missing optional argument is bound as {@code null},
 * {@code Optional.empty()}, or the default value of a primitive type.
 * <p>
 * On a record component or field of a type used in arguments it sets the property's title and description in the
 * generated schema and whether it is listed as required (properties of argument types are required by the same
 * rules as arguments). Jackson's {@code @JsonPropertyDescription} works too. The same holds for the properties of a
 * type asked for with {@link dev.mcpspring.server.PeerHandle#elicit(String, Class)}.
 */
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpToolParam {

    /**
     * The argument's name in the call's {@code arguments} object. Defaults to the parameter's name, which needs
     * the {@code -parameters} compiler flag. On a record component or field it fails start-up: Jackson's
     * {@code @JsonProperty} names those.
     */
    String name() default "";

    /**
     * A short human-readable name for the argument or property, shown by user interfaces (the schema's
     * {@code title}); none when empty. In an elicitation form it is the field's label.
     */
    String title() default "";

    /** What the argument means, written for the model; none when empty. */
    String description() default "";

    /** Whether the argument must be given (and not {@code null}). */
    boolean required() default true;

    /**
     * Mirrors the argument into the HTTP header {@code Mcp-Param-<header>} of calls from modern (2026-07-28)
     * clients ({@code x-mcp-header} in the input schema, SEP-2243), so that gateways and load balancers can route
     * on it without reading the body; the server checks that the header matches the argument. Only for string,
     * integer and boolean arguments of a tool method (on a record component or field it fails start-up); a header
     * name is an HTTP token, unique in the tool (case aside). None when empty.
     */
    String header() default "";
}
