package dev.mcpspring.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An icon for an implementation, tool, resource or prompt (2025-11-25).
 *
 * @param src      an https or data URI
 * @param mimeType optional MIME type
 * @param sizes    optional sizes such as {@code "48x48"} or {@code "any"}
 * @param theme    optional {@code light} or {@code dark}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Icon(String src, String mimeType, List<String> sizes, String theme) {
}
