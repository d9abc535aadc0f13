package dev.mcpspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.mcpspring.protocol.Role;

/**
 * Marks a method of a Spring bean as an MCP resource, offered through {@code resources/list} (or
 * {@code resources/templates/list}) and read with {@code resources/read}.
 * <p>
 * A {@link #uri()} without variables names one resource. A URI with RFC 6570 variables, such as
 * {@code users://{id}/profile}, is a resource template: every URI matching it is read by this method, with the
 * values of the variables bound to the method's parameters of the same names. A variable is bound to a
 * {@code String}, or to any type Jackson reads from a JSON string (numbers, {@code boolean}, enums, {@code UUID},
 * {@code java.time} types, ...); a variable the URI leaves out (an optional query parameter such as
 * {@code {?page}}) is bound as {@code Optional.empty()}, {@code null} or a primitive's default value. A URI whose
 * variable value cannot be converted is answered as not found. Besides the variables a method may declare parameters of the types the framework injects:
 * {@link dev.mcpspring.server.McpRequestContext}, {@link dev.mcpspring.server.PeerHandle} and
 * {@link dev.mcpspring.server.ResourceRead} (the URI being read and the values of all variables; a method taking
 * it may leave variables unbound, which is how variables whose names are not Java identifiers are read). A
 * parameter that names no variable of the template, or a variable that no parameter binds, fails startup.
 * <p>
 * The return value becomes the contents of the read, with the URI that was read:
 * <ul>
 * <li>a {@code String}: text contents, with the declared {@link #mimeType()} ({@code text/plain} by default);</li>
 * <li>a {@code byte[]}: binary contents sent as base64 {@code blob}, with the declared {@link #mimeType()}
 * ({@code application/octet-stream} by default);</li>
 * <li>a {@link dev.mcpspring.protocol.ResourceContents}, a collection of them, or a
 * {@link dev.mcpspring.protocol.ReadResourceResult}: used as given (a contents without a URI gets the URI that
 * was read);</li>
 * <li>{@code null} or an empty {@code Optional}: the resource does not exist; the client gets error -32002 with
 * the URI in its {@code data};</li>
 * <li>anything else (records, POJOs, maps, collections, Jackson trees): its JSON as text contents, with the
 * declared {@link #mimeType()} ({@code application/json} by default).</li>
 * </ul>
 * A {@link dev.mcpspring.protocol.McpException} thrown by the method answers the request with that error (throw
 * one with {@link dev.mcpspring.protocol.ErrorCodes#RESOURCE_NOT_FOUND} for a resource that does not exist). Any
 * other exception is logged and the client gets a JSON-RPC internal error (-32603) naming the URI, without the
 * exception's details.
 *
 * <pre class="code">
 * &#64;Component
 * class Docs {
 *     &#64;McpResource(uri = "docs://guide", description = "The user guide", mimeType = "text/markdown")
 *     String guide() { ... }
 *
 *     &#64;McpResource(uri = "users://{id}/avatar", mimeType = "image/png")
 *     Optional&lt;byte[]&gt; avatar(long id) { return users.avatar(id); }   // empty: -32002
 * }
 * </pre>
 *
 * Like {@link McpTool}, the annotation may be declared on an interface method; methods of beans behind Spring
 * AOP proxies are called through the proxy.
 *
 * @see McpComplete
 * @see dev.mcpspring.server.ResourceSpecification
 * @see dev.mcpspring.server.ResourceTemplateSpecification
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpResource {

    /**
     * The resource's absolute URI, such as {@code file:///project/README.md}, or an RFC 6570 URI template such as
     * {@code file:///logs/{date}.log}. Unique in the server among resources, and among templates.
     */
    String uri();

    /** The resource's programmatic name. Defaults to the method's name. */
    String name() default "";

    /** A human-readable name for user interfaces; none when empty. */
    String title() default "";

    /** What the resource is, written for the model; none when empty. */
    String description() default "";

    /**
     * The MIME type of the contents, listed and sent with them. Defaults to what the return type implies:
     * {@code text/plain} for {@code String}, {@code application/octet-stream} for {@code byte[]},
     * {@code application/json} for other objects, none for {@code ResourceContents} and {@code ReadResourceResult}.
     */
    String mimeType() default "";

    /**
     * The size of the resource in bytes before any encoding, when known; {@code -1} (the default) when unknown.
     * Only for a fixed URI: the resources of a template have sizes of their own.
     */
    long size() default -1;

    /** Who the resource is meant for: the user, the assistant (the model) or both; unspecified when empty. */
    Role[] audience() default {};

    /**
     * How important the resource is, from {@code 0.0} (entirely optional) to {@code 1.0} (effectively required);
     * unspecified when {@code NaN} (the default).
     */
    double priority() default Double.NaN;

    /**
     * When the resource last changed, as an ISO 8601 date-time such as {@code 2025-01-12T15:00:58Z}; none when
     * empty.
     */
    String lastModified() default "";

    /** Icons for user interfaces. */
    McpIcon[] icons() default {};
}
