package dev.mcpspring.protocol;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What the server would like in a model; the client decides.
 *
 * @param hints                model names or families, in order of preference
 * @param costPriority         0 to 1: how much low cost matters
 * @param speedPriority        0 to 1: how much low latency matters
 * @param intelligencePriority 0 to 1: how much capability matters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelPreferences(@Nullable List<Hint> hints, @Nullable Double costPriority,
        @Nullable Double speedPriority, @Nullable Double intelligencePriority) {

    /** Preferences that only name models, most preferred first. */
    public static ModelPreferences hints(String... names) {
        return new ModelPreferences(Arrays.stream(names).map(Hint::new).toList(), null, null, null);
    }

    /**
     * A model name or family, matched as a substring by the client.
     *
     * @param name for example {@code "claude-3-5-sonnet"} or {@code "sonnet"}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hint(@Nullable String name) {
    }
}
