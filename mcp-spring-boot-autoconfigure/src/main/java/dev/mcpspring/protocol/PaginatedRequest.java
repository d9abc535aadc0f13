package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params of every {@code *\/list} request.
 *
 * @param cursor the {@code nextCursor} of the previous page, absent for the first
 * @param meta   {@code _meta}
 */
public record PaginatedRequest(String cursor, @JsonProperty("_meta") Map<String, Object> meta) {
}
