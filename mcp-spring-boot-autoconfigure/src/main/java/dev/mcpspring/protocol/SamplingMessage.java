package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One message of a sampling conversation. Its content is one block, or several from 2025-11-25 on (a single
 * block is written as an object, as every revision reads it).
 *
 * @param role    who the message is from
 * @param content the content blocks
 * @param meta    {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SamplingMessage(Role role,
        @JsonFormat(with = { JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED }) List<Content> content,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    /** A message from the user with one text block. */
    public static SamplingMessage user(String text) {
        return new SamplingMessage(Role.USER, List.of(Content.text(text)), null);
    }

    /** A message from the assistant with one text block. */
    public static SamplingMessage assistant(String text) {
        return new SamplingMessage(Role.ASSISTANT, List.of(Content.text(text)), null);
    }

    /** A message with the given content blocks. */
    public static SamplingMessage of(Role role, Content... content) {
        return new SamplingMessage(role, List.of(content), null);
    }
}
