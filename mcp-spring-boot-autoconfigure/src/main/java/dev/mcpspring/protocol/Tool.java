package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool definition as listed by {@code tools/list}.
 *
 * @param name         unique name (1-128 characters of {@code A-Z a-z 0-9 _ - .})
 * @param title        display name (2025-06-18 and later)
 * @param description  what the tool does, for the model
 * @param inputSchema  JSON Schema (an object schema) of the arguments
 * @param outputSchema JSON Schema of {@code structuredContent}, when the tool has structured output
 * @param annotations  behaviour hints
 * @param icons        icons (2025-11-25)
 * @param meta         {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(String name, @Nullable String title, @Nullable String description, ObjectNode inputSchema,
        @Nullable ObjectNode outputSchema, @Nullable ToolAnnotations annotations, @Nullable List<Icon> icons,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {
}
