package dev.mcpspring.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code prompts/list}.
 *
 * @param prompts    one page of prompts
 * @param nextCursor the cursor of the next page, absent on the last one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListPromptsResult(List<Prompt> prompts, @Nullable String nextCursor) {
}
