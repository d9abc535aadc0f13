package dev.mcpspring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Hints about a tool's behaviour. Clients must not trust them from untrusted servers.
 *
 * @param title           display name
 * @param readOnlyHint    the tool does not change its environment
 * @param destructiveHint the tool may destroy or overwrite things (meaningful when not read-only)
 * @param idempotentHint  calling again with the same arguments has no further effect
 * @param openWorldHint   the tool talks to an open world of external entities
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolAnnotations(@Nullable String title, @Nullable Boolean readOnlyHint, @Nullable Boolean destructiveHint,
        @Nullable Boolean idempotentHint, @Nullable Boolean openWorldHint) {
}
