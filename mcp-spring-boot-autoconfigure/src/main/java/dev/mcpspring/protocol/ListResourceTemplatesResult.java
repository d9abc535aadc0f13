package dev.mcpspring.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code resources/templates/list}.
 *
 * @param resourceTemplates one page of templates
 * @param nextCursor        the cursor of the next page, absent on the last one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListResourceTemplatesResult(List<ResourceTemplate> resourceTemplates, @Nullable String nextCursor) {
}
