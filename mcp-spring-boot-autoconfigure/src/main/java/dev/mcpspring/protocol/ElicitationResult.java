package dev.mcpspring.protocol;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code elicitation/create}.
 *
 * @param action  what the user did
 * @param content form mode, on accept: the answers, matching the requested schema
 * @param meta    {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElicitationResult(Action action, @Nullable Map<String, Object> content,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {

    /** The user submitted the form with these answers (keyed like the requested schema's properties). */
    public static ElicitationResult accept(Map<String, Object> content) {
        return new ElicitationResult(Action.ACCEPT, content, null);
    }

    /** The user agreed to open the URL of a URL-mode request (which has no content). */
    public static ElicitationResult accept() {
        return new ElicitationResult(Action.ACCEPT, null, null);
    }

    /** The user explicitly said no. */
    public static ElicitationResult decline() {
        return new ElicitationResult(Action.DECLINE, null, null);
    }

    /** The user dismissed the request without choosing. */
    public static ElicitationResult cancel() {
        return new ElicitationResult(Action.CANCEL, null, null);
    }

    /** Whether the user accepted (and, in form mode, answered). */
    @JsonIgnore
    public boolean isAccepted() {
        return action == Action.ACCEPT;
    }

    /** What the user did with an elicitation. */
    public enum Action {
        /** The user submitted (form mode) or agreed to open the URL (URL mode). */
        ACCEPT,
        /** The user explicitly said no. */
        DECLINE,
        /** The user dismissed the request without choosing. */
        CANCEL;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The action of a wire name, in any case.
         *
         * @throws IllegalArgumentException naming the actions when {@code value} is none of them
         */
        @JsonCreator
        public static Action fromWire(String value) {
            for (Action action : values()) {
                if (action.name().equalsIgnoreCase(value)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("unknown action \"" + value
                    + "\": expected \"accept\", \"decline\" or \"cancel\"");
        }
    }
}
