package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code tools/call}. A tool method may return one of these to control the result completely.
 *
 * @param content           unstructured content blocks
 * @param structuredContent a JSON object matching the tool's {@code outputSchema}, or {@code null}
 * @param isError           {@code true} when the tool failed; the content then explains why
 * @param meta              {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallToolResult(List<Content> content, @Nullable Object structuredContent, @Nullable Boolean isError,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    public CallToolResult {
        content = content == null ? List.of() : List.copyOf(content);
    }

    /** A successful result with the given content blocks. */
    public static CallToolResult of(Content... content) {
        return new CallToolResult(List.of(content), null, null, null);
    }

    /** A successful result with one text block. */
    public static CallToolResult text(String text) {
        return of(Content.text(text));
    }

    /** A failed result whose text tells the model what went wrong. */
    public static CallToolResult error(String message) {
        return new CallToolResult(List.of(Content.text(message)), null, true, null);
    }
}
