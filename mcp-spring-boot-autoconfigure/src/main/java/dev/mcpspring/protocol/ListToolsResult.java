package dev.mcpspring.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code tools/list}.
 *
 * @param tools      one page of tools
 * @param nextCursor the cursor of the next page, absent on the last one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListToolsResult(List<Tool> tools, @Nullable String nextCursor) {
}
