package dev.mcpspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.mcpspring.task.TaskSupport;

/**
 * Marks a method of a Spring bean as an MCP tool. Every such method of every bean is found at startup and
 * offered through {@code tools/list} and {@code tools/call}.
 * <p>
 * The method's parameters are the tool's arguments, bound by name from the call's {@code arguments} object with
 * Jackson; the tool's {@code inputSchema} is generated from their types (see {@link McpToolParam}). Parameters of
 * the types the framework injects ({@link dev.mcpspring.server.McpRequestContext},
 * {@link dev.mcpspring.server.PeerHandle}, {@link java.security.Principal} and, with Spring Security, its
 * {@code Authentication}) are not arguments and never appear in the schema.
 * <p>
 * The return value becomes the tool result:
 * <ul>
 * <li>{@code void} (or {@code null}): a result without content;</li>
 * <li>a {@code String}: one text content block;</li>
 * <li>a {@link dev.mcpspring.protocol.Content}, a collection of them, or a
 * {@link dev.mcpspring.protocol.CallToolResult}: used as given;</li>
 * <li>anything else (records, POJOs, collections, maps, numbers, ...): {@code structuredContent} plus the same JSON
 * as a text block, described by a generated {@code outputSchema}. A value whose JSON is not an object is wrapped
 * as {@code {"result": value}}; so is an {@code Optional}, whose empty value gives {@code {}}.</li>
 * </ul>
 * Arguments that cannot be bound or fail Bean Validation, and exceptions thrown by the method, give a result with
 * {@code isError: true} whose text says what was wrong. A {@link dev.mcpspring.protocol.McpException} thrown by the
 * method is not caught: the request is answered with that protocol error.
 * <p>
 * The annotation may also be declared on an interface method that the bean implements. Methods of beans behind
 * Spring AOP proxies (for example {@code @Transactional} or {@code @Validated} beans) are called through the proxy,
 * so the advice applies. A method that cannot be registered (an invalid or duplicate name, an unsupported
 * signature, a private method of a proxied bean, ...) fails the application's startup.
 * <p>
 * A method that takes neither a {@code PeerHandle} nor a {@code McpRequestContext} and returns a value (not a
 * {@code CompletionStage} or {@code Mono}) cannot wait for the client, and runs on the thread the container serves
 * the request on, as a controller method does; any other runs on the starter's handler executor, so that waiting for
 * the client holds no container thread ({@link dev.mcpspring.server.ToolHandler#runsOnRequestThread()}).
 *
 * <pre class="code">
 * &#64;Component
 * class WeatherTools {
 *     &#64;McpTool(description = "Summarise the forecast for a city", readOnlyHint = true)
 *     Forecast forecast(&#64;McpToolParam(description = "City name") String city) { ... }
 * }
 * </pre>
 *
 * @see McpToolParam
 * @see dev.mcpspring.server.ToolSpecification
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpTool {

    /**
     * The tool's name: 1 to 128 characters of {@code A-Z a-z 0-9 _ - .}, unique in the server. Defaults to the
     * method's name.
     */
    String name() default "";

    /** A human-readable name for user interfaces; none when empty. */
    String title() default "";

    /** What the tool does, written for the model; none when empty. */
    String description() default "";

    /** Hint: the tool does not change its environment. */
    boolean readOnlyHint() default false;

    /** Hint: the tool may destroy or overwrite things; sent only for a tool that is not read-only. */
    boolean destructiveHint() default true;

    /**
     * Hint: calling the tool again with the same arguments has no further effect; sent only for a tool that is not
     * read-only.
     */
    boolean idempotentHint() default false;

    /** Hint: the tool talks to an open world of external entities (the web, other systems). */
    boolean openWorldHint() default true;

    /** Icons for user interfaces (2025-11-25). */
    McpIcon[] icons() default {};

    /**
     * The OAuth scopes a caller must hold, all of them, to call the tool; none by default. A call without them is
     * refused before the method runs: with HTTP 403 and {@code WWW-Authenticate: Bearer error="insufficient_scope"}
     * when the starter secures the endpoint, otherwise with JSON-RPC error
     * {@value dev.mcpspring.protocol.ErrorCodes#INSUFFICIENT_SCOPE} naming the missing scopes. The tool is listed in
     * {@code tools/list} whatever the caller's scopes. Each value is one scope token, such as {@code "tasks:write"}.
     *
     * @see dev.mcpspring.server.GrantedScopes
     */
    String[] scopes() default {};

    /**
     * Whether a call may carry arguments the method has no parameter for; {@code false} by default: such a call is
     * refused with an error result naming them, and the tool's {@code inputSchema} says
     * {@code "additionalProperties": false}. Set it for a tool whose clients send more than it reads.
     */
    boolean acceptUnknownArguments() default false;

    /**
     * Whether a call may, must or never runs as a task (a long-running tool the client polls instead of holding the
     * response open). By default ({@link TaskSupport#AUTO}) a method that answers later (it returns a
     * {@code CompletionStage} or a {@code Mono}) may, any other never. The server decides per call: only for a
     * client that handles tasks, which then gets a task handle at once and polls for the result. In a task the
     * method's {@link dev.mcpspring.server.PeerHandle} works as in a call: progress becomes the task's status
     * message, questions to the client wait for its answers, and cancelling the task cancels the call. A method that
     * answers later asks what it must ask before it returns within the call itself, and its future is the task.
     *
     * @see TaskSupport
     */
    TaskSupport task() default TaskSupport.AUTO;
}
