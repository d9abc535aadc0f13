package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Params of every {@code *\/list} request.
 *
 * @param cursor the {@code nextCursor} of the previous page, absent for the first
 * @param meta   {@code _meta}
 */
public record PaginatedRequest(@Nullable String cursor, @JsonProperty("_meta") @Nullable Map<String, Object> meta) {
}
