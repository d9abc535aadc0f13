package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code prompts/get}.
 *
 * @param description what the prompt is for
 * @param messages    the prompt's messages, arguments filled in
 * @param meta        {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetPromptResult(@Nullable String description, List<PromptMessage> messages,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    public GetPromptResult {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** A result with the given messages. */
    public static GetPromptResult of(PromptMessage... messages) {
        return new GetPromptResult(null, List.of(messages), null);
    }
}
