package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Params of {@code completion/complete}: suggestions for a prompt argument or a URI template variable.
 *
 * @param ref      what is being completed
 * @param argument the argument and what the user typed so far
 * @param context  values already chosen for the other arguments (2025-06-18 and later)
 * @param meta     {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteRequest(Reference ref, Argument argument, @Nullable Context context,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    /** The reference type of a prompt. */
    public static final String PROMPT_REF = "ref/prompt";

    /** The reference type of a resource template. */
    public static final String RESOURCE_REF = "ref/resource";

    /**
     * A prompt ({@code type: "ref/prompt"} with its {@code name}) or a resource template
     * ({@code type: "ref/resource"} with its {@code uri} template).
     *
     * @param type  {@link #PROMPT_REF} or {@link #RESOURCE_REF}
     * @param name  the prompt's name
     * @param uri   the resource template
     * @param title display name
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reference(String type, @Nullable String name, @Nullable String uri, @Nullable String title) {
    }

    /**
     * @param name  the argument or template variable
     * @param value what the user typed so far
     */
    public record Argument(String name, String value) {
    }

    /** @param arguments values already chosen for other arguments or variables */
    public record Context(@Nullable Map<String, String> arguments) {
    }
}
