package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * A content block of a tool result, prompt message or sampling message, told apart by its {@code type}.
 * {@link ToolUse} and {@link ToolResult} appear only in sampling messages (2025-11-25).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Content.Text.class, name = "text"),
        @JsonSubTypes.Type(value = Content.Image.class, name = "image"),
        @JsonSubTypes.Type(value = Content.Audio.class, name = "audio"),
        @JsonSubTypes.Type(value = Content.ResourceLink.class, name = "resource_link"),
        @JsonSubTypes.Type(value = Content.EmbeddedResource.class, name = "resource"),
        @JsonSubTypes.Type(value = Content.ToolUse.class, name = "tool_use"),
        @JsonSubTypes.Type(value = Content.ToolResult.class, name = "tool_result") })
public sealed interface Content {

    /** Plain text. */
    static Text text(String text) {
        return new Text(text, null, null);
    }

    /** An image given as base64 data. */
    static Image image(String base64Data, String mimeType) {
        return new Image(base64Data, mimeType, null, null);
    }

    /** Audio given as base64 data. */
    static Audio audio(String base64Data, String mimeType) {
        return new Audio(base64Data, mimeType, null, null);
    }

    /** A resource embedded in the content. */
    static EmbeddedResource resource(ResourceContents resource) {
        return new EmbeddedResource(resource, null, null);
    }

    /** Text content. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Text(String text, @Nullable Annotations annotations,
            @JsonProperty("_meta") @Nullable Map<String, Object> meta)
            implements Content {
    }

    /** An image, base64-encoded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Image(String data, String mimeType, @Nullable Annotations annotations,
            @JsonProperty("_meta") @Nullable Map<String, Object> meta) implements Content {
    }

    /** Audio, base64-encoded (2025-03-26 and later). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Audio(String data, String mimeType, @Nullable Annotations annotations,
            @JsonProperty("_meta") @Nullable Map<String, Object> meta) implements Content {
    }

    /** A link to a resource the client may read (2025-06-18 and later). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResourceLink(String uri, String name, @Nullable String title, @Nullable String description,
            @Nullable String mimeType, @Nullable Long size, @Nullable List<Icon> icons,
            @Nullable Annotations annotations, @JsonProperty("_meta") @Nullable Map<String, Object> meta)
            implements Content {
    }

    /** A resource's contents embedded in the message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EmbeddedResource(ResourceContents resource, @Nullable Annotations annotations,
            @JsonProperty("_meta") @Nullable Map<String, Object> meta) implements Content {
    }

    /** The model asks to call a tool, in a sampling result (2025-11-25). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolUse(String id, String name, Map<String, Object> input,
            @JsonProperty("_meta") @Nullable Map<String, Object> meta) implements Content {
    }

    /** The outcome of a {@link ToolUse}, sent back in the next sampling request (2025-11-25). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolResult(String toolUseId, List<Content> content, @Nullable Object structuredContent,
            @Nullable Boolean isError, @JsonProperty("_meta") @Nullable Map<String, Object> meta) implements Content {
    }
}
