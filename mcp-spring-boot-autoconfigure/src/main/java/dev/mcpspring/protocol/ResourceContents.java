package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The contents of a resource: text or a base64 blob. */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({ @JsonSubTypes.Type(ResourceContents.Text.class), @JsonSubTypes.Type(ResourceContents.Blob.class) })
public sealed interface ResourceContents {

    /** The resource's URI. */
    String uri();

    /** Text contents. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Text(String uri, String mimeType, String text, @JsonProperty("_meta") Map<String, Object> meta)
            implements ResourceContents {

        public Text(String uri, String mimeType, String text) {
            this(uri, mimeType, text, null);
        }
    }

    /** Binary contents, base64-encoded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Blob(String uri, String mimeType, String blob, @JsonProperty("_meta") Map<String, Object> meta)
            implements ResourceContents {

        public Blob(String uri, String mimeType, String blob) {
            this(uri, mimeType, blob, null);
        }
    }
}
