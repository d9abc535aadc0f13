package dev.mcpspring.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code resources/list}.
 *
 * @param resources  one page of resources
 * @param nextCursor the cursor of the next page, absent on the last one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListResourcesResult(List<Resource> resources, @Nullable String nextCursor) {
}
