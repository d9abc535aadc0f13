package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Params of {@code sampling/createMessage}: the server asks the client's model for a completion.
 *
 * @param messages         the conversation so far
 * @param modelPreferences which model the server would like
 * @param systemPrompt     a system prompt the client may use
 * @param includeContext   {@code "none"}, {@code "thisServer"} or {@code "allServers"} (the latter two need the
 *                         client's {@code sampling.context} capability in 2025-11-25)
 * @param temperature      sampling temperature
 * @param maxTokens        the most tokens to generate (required)
 * @param stopSequences    sequences that end generation
 * @param metadata         provider-specific parameters
 * @param tools            tools the model may call (2025-11-25; needs the client's {@code sampling.tools})
 * @param toolChoice       how the model should use {@code tools}
 * @param meta             {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SamplingRequest(List<SamplingMessage> messages, @Nullable ModelPreferences modelPreferences,
        @Nullable String systemPrompt, @Nullable String includeContext, @Nullable Double temperature, int maxTokens,
        @Nullable List<String> stopSequences, @Nullable Map<String, Object> metadata, @Nullable List<Tool> tools,
        @Nullable ToolChoice toolChoice, @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    /** The common case: one user message with text, answered in at most {@code maxTokens}. */
    public static SamplingRequest ofUserText(String text, int maxTokens) {
        return of(List.of(SamplingMessage.user(text)), maxTokens);
    }

    /** A request for the given conversation. */
    public static SamplingRequest of(List<SamplingMessage> messages, int maxTokens) {
        return new SamplingRequest(List.copyOf(messages), null, null, null, null, maxTokens, null, null, null, null,
                null);
    }

    /** This request with a system prompt. */
    public SamplingRequest withSystemPrompt(String systemPrompt) {
        return new SamplingRequest(messages, modelPreferences, systemPrompt, includeContext, temperature, maxTokens,
                stopSequences, metadata, tools, toolChoice, meta);
    }

    /** This request with model preferences. */
    public SamplingRequest withModelPreferences(ModelPreferences modelPreferences) {
        return new SamplingRequest(messages, modelPreferences, systemPrompt, includeContext, temperature, maxTokens,
                stopSequences, metadata, tools, toolChoice, meta);
    }

    /** This request with a temperature. */
    public SamplingRequest withTemperature(double temperature) {
        return new SamplingRequest(messages, modelPreferences, systemPrompt, includeContext, temperature, maxTokens,
                stopSequences, metadata, tools, toolChoice, meta);
    }

    /** This request with tools the model may call, and how it should choose them (2025-11-25). */
    public SamplingRequest withTools(List<Tool> tools, ToolChoice toolChoice) {
        return new SamplingRequest(messages, modelPreferences, systemPrompt, includeContext, temperature, maxTokens,
                stopSequences, metadata, List.copyOf(tools), toolChoice, meta);
    }

    /**
     * How the model should use the tools of a sampling request.
     *
     * @param mode {@code "auto"}, {@code "required"} or {@code "none"}
     */
    public record ToolChoice(@Nullable String mode) {

        public static final ToolChoice AUTO = new ToolChoice("auto");

        public static final ToolChoice REQUIRED = new ToolChoice("required");

        public static final ToolChoice NONE = new ToolChoice("none");
    }
}
