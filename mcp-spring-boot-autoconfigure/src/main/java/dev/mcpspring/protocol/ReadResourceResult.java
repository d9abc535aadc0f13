package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code resources/read}.
 *
 * @param contents the contents: one entry, or several when the URI names a collection
 * @param meta     {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadResourceResult(List<ResourceContents> contents,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    public ReadResourceResult {
        contents = contents == null ? List.of() : List.copyOf(contents);
    }

    /** A result with the given contents. */
    public static ReadResourceResult of(ResourceContents... contents) {
        return new ReadResourceResult(List.of(contents), null);
    }
}
