package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What this server offers, sent in the {@code initialize} result. A {@code null} member is omitted, which
 * means the capability is absent.
 *
 * @param experimental non-standard capabilities
 * @param logging      present when the server sends log messages ({@code {}})
 * @param completions  present when the server answers {@code completion/complete} ({@code {}})
 * @param prompts      prompts capability
 * @param resources    resources capability
 * @param tools        tools capability
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerCapabilities(@Nullable Map<String, Object> experimental, @Nullable Map<String, Object> logging,
        @Nullable Map<String, Object> completions, @Nullable ListChanged prompts,
        @Nullable ResourcesCapability resources, @Nullable ListChanged tools) {

    /** A capability whose only flag is {@code listChanged}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListChanged(@Nullable Boolean listChanged) {
    }

    /** The resources capability. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResourcesCapability(@Nullable Boolean subscribe, @Nullable Boolean listChanged) {
    }
}
