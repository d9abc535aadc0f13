package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A family of resources described by an RFC 6570 URI template, as listed by {@code resources/templates/list}.
 *
 * @param uriTemplate the template, for example {@code file:///logs/{date}.log}
 * @param name        programmatic name
 * @param title       display name (2025-06-18 and later)
 * @param description what the resources are, for the model
 * @param mimeType    the MIME type of their contents, when all share one
 * @param annotations audience, priority, last modification
 * @param icons       icons (2025-11-25)
 * @param meta        {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceTemplate(String uriTemplate, String name, @Nullable String title, @Nullable String description,
        @Nullable String mimeType, @Nullable Annotations annotations, @Nullable List<Icon> icons,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {
}
