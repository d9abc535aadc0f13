package dev.mcpspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An icon of a tool, resource, resource template or prompt (protocol revision 2025-11-25; clients of earlier
 * revisions ignore it), used as an element of {@link McpTool#icons()}, {@link McpResource#icons()} and
 * {@link McpPrompt#icons()}.
 *
 * <pre class="code">
 * &#64;McpResource(uri = "docs://guide", icons = &#64;McpIcon(src = "https://example.com/guide.png",
 *         mimeType = "image/png", sizes = "48x48"))
 * </pre>
 *
 * An icon whose {@code src} is not an absolute URI, or whose {@code theme} is neither {@code light} nor
 * {@code dark}, fails the application's startup.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpIcon {

    /** Where the icon is: an {@code https:} URL or a {@code data:} URI with base64 image data. */
    String src();

    /** The icon's MIME type, such as {@code image/png}; none when empty. */
    String mimeType() default "";

    /** The sizes it is available in, such as {@code "48x48"} or {@code "any"} for scalable formats. */
    String[] sizes() default {};

    /** {@code "light"} or {@code "dark"}: the theme the icon is designed for; any theme when empty. */
    String theme() default "";
}
