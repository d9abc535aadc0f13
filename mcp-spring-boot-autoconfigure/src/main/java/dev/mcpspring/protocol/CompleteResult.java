package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code completion/complete}.
 *
 * @param completion the suggestions
 * @param meta       {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteResult(Completion completion, @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    /** The most values one result may carry. */
    public static final int MAX_VALUES = 100;

    /**
     * Suggestions, cut to the first {@value #MAX_VALUES} with {@code total} and {@code hasMore} telling how many
     * there were.
     */
    public static CompleteResult of(List<String> values) {
        boolean more = values.size() > MAX_VALUES;
        return new CompleteResult(new Completion(List.copyOf(more ? values.subList(0, MAX_VALUES) : values),
                values.size(), more), null);
    }

    /**
     * @param values  at most {@value #MAX_VALUES} suggestions
     * @param total   how many suggestions exist in all, when known
     * @param hasMore whether there are more than those sent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Completion(List<String> values, @Nullable Integer total, @Nullable Boolean hasMore) {
    }
}
