package dev.mcpspring.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An icon for an implementation, tool, resource or prompt (2025-11-25).
 *
 * @param src      an https or data URI
 * @param mimeType optional MIME type
 * @param sizes    optional sizes such as {@code "48x48"} or {@code "any"}
 * @param theme    optional {@code light} or {@code dark}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Icon(String src, @Nullable String mimeType, @Nullable List<String> sizes, @Nullable String theme) {
}
