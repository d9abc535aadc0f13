package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code sampling/createMessage}.
 *
 * @param role       the role of the generated message (normally assistant)
 * @param content    the generated content: one block, or several (for example tool uses, 2025-11-25)
 * @param model      the model that generated it
 * @param stopReason why generation stopped: {@code "endTurn"}, {@code "stopSequence"}, {@code "maxTokens"},
 *                   {@code "toolUse"} or another value
 * @param meta       {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SamplingResult(Role role,
        @JsonFormat(with = { JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED }) List<Content> content,
        String model, @Nullable String stopReason, @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    public SamplingResult {
        content = content == null ? List.of() : List.copyOf(content);
    }

    /** The text of the generated text blocks, joined by new lines; empty when there are none. */
    @JsonIgnore
    public String text() {
        return content.stream()
            .filter(Content.Text.class::isInstance)
            .map(block -> ((Content.Text) block).text())
            .collect(Collectors.joining("\n"));
    }

    /** The tool calls the model asked for (2025-11-25). */
    @JsonIgnore
    public List<Content.ToolUse> toolUses() {
        return content.stream().filter(Content.ToolUse.class::isInstance).map(Content.ToolUse.class::cast).toList();
    }
}
