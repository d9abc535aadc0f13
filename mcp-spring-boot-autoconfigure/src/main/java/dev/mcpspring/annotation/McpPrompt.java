package dev.mcpspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as an MCP prompt, offered through {@code prompts/list} and filled in with
 * {@code prompts/get}.
 * <p>
 * The method's parameters are the prompt's arguments, bound by name from the request's {@code arguments} (see
 * {@link McpPromptArgument} for names, titles, descriptions and which are required). An argument is bound to a
 * {@code String}, or to any type Jackson reads from a JSON string (numbers, {@code boolean}, enums,
 * {@code UUID}, {@code java.time} types, ...); a value that cannot be converted is answered with error -32602
 * saying which argument is wrong. An argument is required unless its parameter is an {@code Optional}, is
 * annotated with {@code @McpPromptArgument(required = false)} or with an annotation named {@code @Nullable}; a
 * request without a required argument gets error -32602 naming it. Parameters of the types the framework injects
 * ({@link dev.mcpspring.server.McpRequestContext}, {@link dev.mcpspring.server.PeerHandle}) are not arguments.
 * <p>
 * The return value becomes the prompt's messages:
 * <ul>
 * <li>a {@code String}: one user message with that text;</li>
 * <li>a {@link dev.mcpspring.protocol.Content} (text, image, audio, resource link, embedded resource) or a
 * collection of them: one user message per content block;</li>
 * <li>a {@link dev.mcpspring.protocol.PromptMessage} or a collection of them: the messages, from the user or the
 * assistant;</li>
 * <li>a {@link dev.mcpspring.protocol.GetPromptResult}: used as given (without a description it gets the
 * prompt's).</li>
 * </ul>
 * A {@link dev.mcpspring.protocol.McpException} thrown by the method answers the request with that error; any
 * other exception is logged and the client gets a JSON-RPC internal error (-32603) naming the prompt, without the
 * exception's details.
 *
 * <pre class="code">
 * &#64;McpPrompt(title = "Code review", description = "Review a piece of code")
 * List&lt;PromptMessage&gt; review(&#64;McpPromptArgument(description = "The code") String code,
 *                            &#64;McpPromptArgument(description = "Focus", required = false) String focus) {
 *     return List.of(PromptMessage.user("Review this code" + (focus == null ? "" : " for " + focus) + ":\n" + code));
 * }
 * </pre>
 *
 * @see McpPromptArgument
 * @see McpComplete
 * @see dev.mcpspring.server.PromptSpecification
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpPrompt {

    /** The prompt's name, unique in the server. Defaults to the method's name. */
    String name() default "";

    /** A human-readable name for user interfaces; none when empty. */
    String title() default "";

    /** What the prompt is for; none when empty. */
    String description() default "";

    /** Icons for user interfaces. */
    McpIcon[] icons() default {};
}
