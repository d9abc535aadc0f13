package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A resource the server offers at a fixed URI, as listed by {@code resources/list}.
 *
 * @param uri         the URI, read with {@code resources/read}
 * @param name        programmatic name
 * @param title       display name (2025-06-18 and later)
 * @param description what it is, for the model
 * @param mimeType    the MIME type of its contents
 * @param size        size in bytes before any encoding, when known
 * @param annotations audience, priority, last modification
 * @param icons       icons (2025-11-25)
 * @param meta        {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resource(String uri, String name, @Nullable String title, @Nullable String description,
        @Nullable String mimeType, @Nullable Long size, @Nullable Annotations annotations, @Nullable List<Icon> icons,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {
}
