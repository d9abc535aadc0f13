package dev.mcpspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as the source of suggestions ({@code completion/complete}) for one argument of
 * a prompt or one variable of a resource template. Name exactly one of {@link #prompt()} and {@link #resource()},
 * and the {@link #argument()}.
 * <p>
 * The method may declare, in any order:
 * <ul>
 * <li>one {@code String} parameter: what the user typed so far ({@code ""} when nothing);</li>
 * <li>one {@code Map<String, String>} parameter: the values already chosen for the other arguments or variables
 * (the request's {@code context.arguments}; empty when the client sent none);</li>
 * <li>parameters of the types the framework injects: {@link dev.mcpspring.server.McpRequestContext},
 * {@link dev.mcpspring.server.PeerHandle} and {@link dev.mcpspring.server.CompletionInvocation}.</li>
 * </ul>
 * It returns the suggestions as a {@code List} (any collection) or array of strings, or a {@code Stream} of them
 * (closed after use): the client gets the first 100, with {@code total} telling how many there were and
 * {@code hasMore} whether some were left out. A method that knows the total without producing every value
 * returns a {@link dev.mcpspring.protocol.CompleteResult} itself.
 * <p>
 * A {@link dev.mcpspring.protocol.McpException} thrown by the method answers the request with that error; any
 * other exception is logged and the client gets no suggestions.
 * <p>
 * The referenced prompt or template must exist once all beans are registered (an {@code @McpPrompt} or
 * {@code @McpResource} method, or a specification bean) and have the argument or variable; otherwise startup
 * fails naming what does exist. One argument has at most one completion.
 *
 * <pre class="code">
 * &#64;McpComplete(prompt = "review", argument = "language")
 * List&lt;String&gt; languages(String prefix) {
 *     return LANGUAGES.stream().filter(l -&gt; l.startsWith(prefix)).toList();
 * }
 *
 * &#64;McpComplete(resource = "repos://{owner}/{repo}", argument = "repo")
 * Stream&lt;String&gt; repos(String prefix, Map&lt;String, String&gt; chosen) {
 *     return github.repos(chosen.get("owner")).filter(r -&gt; r.startsWith(prefix));
 * }
 * </pre>
 *
 * @see McpPrompt
 * @see McpResource
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpComplete {

    /** The name of the prompt whose argument is completed; empty when completing a resource template. */
    String prompt() default "";

    /**
     * The URI template, exactly as declared, whose variable is completed; empty when completing a prompt
     * argument.
     */
    String resource() default "";

    /** The name of the prompt argument or template variable. */
    String argument();
}
