package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Params of {@code elicitation/create}: the server asks the user, through the client, for input.
 * <p>
 * Form mode sends a {@code requestedSchema} (an object of primitive properties) and gets the answers back;
 * URL mode (2025-11-25) sends the user to a {@code url} for an interaction the client must not see, such as a
 * sign-in, and learns of its end from {@code notifications/elicitation/complete}.
 *
 * @param mode            {@code null} or {@code "form"} for form mode, {@code "url"} for URL mode
 * @param message         what to tell the user
 * @param requestedSchema form mode: the JSON Schema of the answer
 * @param url             URL mode: where to send the user
 * @param elicitationId   URL mode: the id the completion notification refers to
 * @param meta            {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElicitationRequest(@Nullable String mode, String message, @Nullable ObjectNode requestedSchema,
        @Nullable String url, @Nullable String elicitationId,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    /** The mode value of URL mode. */
    public static final String URL_MODE = "url";

    /** A form-mode request (the mode is left out, so every revision reads it as form mode). */
    public static ElicitationRequest form(String message, ObjectNode requestedSchema) {
        return new ElicitationRequest(null, message, requestedSchema, null, null, null);
    }

    /** A URL-mode request (2025-11-25). */
    public static ElicitationRequest url(String message, String url, String elicitationId) {
        return new ElicitationRequest(URL_MODE, message, null, url, elicitationId, null);
    }

    /**
     * This request as 2026-07-28 asks it: without {@code elicitationId}, which that revision removed with the
     * completion notification it was for (the client learns the outcome by retrying the request).
     */
    public ElicitationRequest withoutElicitationId() {
        return elicitationId == null ? this : new ElicitationRequest(mode, message, requestedSchema, url, null, meta);
    }

    /** Whether this is a URL-mode request. */
    @JsonIgnore
    public boolean isUrlMode() {
        return URL_MODE.equals(mode);
    }
}
