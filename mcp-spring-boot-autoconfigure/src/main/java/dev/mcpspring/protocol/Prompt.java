package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A prompt template the server offers, as listed by {@code prompts/list}.
 *
 * @param name        unique name
 * @param title       display name (2025-06-18 and later)
 * @param description what it is for
 * @param arguments   the arguments it takes
 * @param icons       icons (2025-11-25)
 * @param meta        {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prompt(String name, @Nullable String title, @Nullable String description,
        @Nullable List<Argument> arguments, @Nullable List<Icon> icons,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    /**
     * An argument of a prompt.
     *
     * @param name        its name
     * @param title       display name (2025-06-18 and later)
     * @param description what it means
     * @param required    whether {@code prompts/get} must supply it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Argument(String name, @Nullable String title, @Nullable String description,
            @Nullable Boolean required) {
    }
}
