package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A root the client exposes: a directory or location the server may work in.
 *
 * @param uri  a {@code file://} URI
 * @param name an optional display name
 * @param meta {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Root(String uri, @Nullable String name, @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    /** A root with a display name and no {@code _meta}. */
    public Root(String uri, @Nullable String name) {
        this(uri, name, null);
    }
}
