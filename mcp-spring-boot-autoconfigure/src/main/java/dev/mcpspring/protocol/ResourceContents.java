package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

/** The contents of a resource: text or a base64 blob. */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({ @JsonSubTypes.Type(ResourceContents.Text.class), @JsonSubTypes.Type(ResourceContents.Blob.class) })
public sealed interface ResourceContents {

    /**
     * The resource's URI; {@code null} only in contents a resource method returns, which get the URI that was read.
     */
    @Nullable String uri();

    /** Text contents. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Text(@Nullable String uri, @Nullable String mimeType, String text,
            @JsonProperty("_meta") @Nullable Map<String, Object> meta)
            implements ResourceContents {

        public Text(@Nullable String uri, @Nullable String mimeType, String text) {
            this(uri, mimeType, text, null);
        }
    }

    /** Binary contents, base64-encoded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Blob(@Nullable String uri, @Nullable String mimeType, String blob,
            @JsonProperty("_meta") @Nullable Map<String, Object> meta)
            implements ResourceContents {

        public Blob(@Nullable String uri, @Nullable String mimeType, String blob) {
            this(uri, mimeType, blob, null);
        }
    }
}
