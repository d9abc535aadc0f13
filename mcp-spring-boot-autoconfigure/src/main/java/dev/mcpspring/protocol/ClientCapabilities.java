package dev.mcpspring.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the client declared it can do in {@code initialize}. Sub-objects are kept as JSON so every flag the
 * client sends, known or not, survives. Equal declarations are equal records (by JSON value), which lets sessions
 * share one instance; so the JSON must never be modified.
 *
 * @param roots        present when the client exposes roots ({@code listChanged} inside)
 * @param sampling     present when the client can sample ({@code context}, {@code tools} inside, 2025-11-25)
 * @param elicitation  present when the client can elicit ({@code form}, {@code url} inside, 2025-11-25)
 * @param tasks        task support (2025-11-25)
 * @param experimental non-standard capabilities
 * @param extensions   optional protocol extensions the client supports, by identifier (2026-07-28)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientCapabilities(@Nullable JsonNode roots, @Nullable JsonNode sampling,
        @Nullable JsonNode elicitation, @Nullable JsonNode tasks, @Nullable Map<String, JsonNode> experimental,
        @Nullable Map<String, JsonNode> extensions) {

    /** No capabilities at all. */
    public static final ClientCapabilities NONE = new ClientCapabilities(null, null, null, null, null, null);

    /**
     * The capabilities declared by {@code json}, read member by member (cheaper than data binding, which matters
     * for modern clients, which send them with every request).
     *
     * @throws IllegalArgumentException when {@code json} is not an object, or a known member is not one
     */
    public static ClientCapabilities of(@Nullable JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("client capabilities must be an object");
        }
        if (json.isEmpty()) {
            return NONE;
        }
        return new ClientCapabilities(member(json, "roots"), member(json, "sampling"), member(json, "elicitation"),
                member(json, "tasks"), members(json, "experimental"), members(json, "extensions"));
    }

    private static @Nullable JsonNode member(JsonNode json, String name) {
        JsonNode member = json.get(name);
        if (member == null || member.isNull()) {
            return null;
        }
        if (!member.isObject()) {
            throw new IllegalArgumentException("\"" + name + "\" must be an object");
        }
        return member;
    }

    private static @Nullable Map<String, JsonNode> members(JsonNode json, String name) {
        JsonNode member = member(json, name);
        if (member == null) {
            return null;
        }
        Map<String, JsonNode> members = new LinkedHashMap<>();
        member.properties().forEach(entry -> members.put(entry.getKey(), entry.getValue()));
        return members;
    }

    public boolean hasRoots() {
        return roots != null;
    }

    public boolean hasSampling() {
        return sampling != null;
    }

    public boolean hasElicitation() {
        return elicitation != null;
    }
}
