package dev.mcpspring.annotation;

import org.jspecify.annotations.Nullable;

/**
 * Implemented by an enum whose constants have display titles. Generated schemas then list the constants with their
 * titles instead of a bare {@code enum}: {@code "oneOf": [{"const": "eu-west", "title": "Europe (Ireland)"}, ...]}
 * for a single value, and {@code "items": {"anyOf": [...]}} for a list or set of them in an elicitation form (the
 * titled select lists of the MCP elicitation spec). The {@code const} values are what Jackson writes for the
 * constants, so {@code @JsonValue} and {@code @JsonProperty} on the constants apply as usual.
 *
 * <pre class="code">
 * enum Region implements McpTitledEnum {
 *     EU_WEST("Europe (Ireland)"), US_EAST("US East (Virginia)");
 *
 *     private final String title;
 *
 *     Region(String title) {
 *         this.title = title;
 *     }
 *
 *     &#64;Override
 *     public String title() {
 *         return title;
 *     }
 * }
 * </pre>
 */
public interface McpTitledEnum {

    /** The constant's display title; when {@code null} or empty the constant's JSON value is shown. */
    @Nullable String title();
}
