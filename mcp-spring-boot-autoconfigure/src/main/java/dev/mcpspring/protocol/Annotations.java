package dev.mcpspring.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Hints on how a client should use or show a piece of content.
 *
 * @param audience     who the content is for: {@code "user"} and/or {@code "assistant"}
 * @param priority     importance from 0 (optional) to 1 (required)
 * @param lastModified ISO 8601 time of the last change (2025-06-18 and later)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Annotations(@Nullable List<String> audience, @Nullable Double priority,
        @Nullable String lastModified) {
}
