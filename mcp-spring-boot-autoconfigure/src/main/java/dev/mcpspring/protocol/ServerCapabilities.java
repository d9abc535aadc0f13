package dev.mcpspring.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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
 * @param tasks        the experimental tasks capability of 2025-11-25 ({@code list}, {@code cancel},
 *                     {@code requests.tools.call})
 * @param extensions   the protocol extensions the server supports, by identifier (2026-07-28), for example
 *                     {@code io.modelcontextprotocol/tasks}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerCapabilities(@Nullable Map<String, Object> experimental, @Nullable Map<String, Object> logging,
        @Nullable Map<String, Object> completions, @Nullable ListChanged prompts,
        @Nullable ResourcesCapability resources, @Nullable ListChanged tools, @Nullable JsonNode tasks,
        @Nullable Map<String, Object> extensions) {

    /** The capabilities of the core protocol, without tasks and extensions. */
    public ServerCapabilities(@Nullable Map<String, Object> experimental, @Nullable Map<String, Object> logging,
            @Nullable Map<String, Object> completions, @Nullable ListChanged prompts,
            @Nullable ResourcesCapability resources, @Nullable ListChanged tools) {
        this(experimental, logging, completions, prompts, resources, tools, null, null);
    }

    /** These capabilities with the 2025-11-25 {@code tasks} capability. */
    public ServerCapabilities withTasks(@Nullable JsonNode tasks) {
        return new ServerCapabilities(experimental, logging, completions, prompts, resources, tools, tasks,
                extensions);
    }

    /** These capabilities with one more extension (2026-07-28) and its settings. */
    public ServerCapabilities withExtension(String identifier, Object settings) {
        Map<String, Object> all = new LinkedHashMap<>();
        if (extensions != null) {
            all.putAll(extensions);
        }
        all.put(identifier, settings);
        return new ServerCapabilities(experimental, logging, completions, prompts, resources, tools, tasks,
                Collections.unmodifiableMap(all));
    }

    /** A capability whose only flag is {@code listChanged}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListChanged(@Nullable Boolean listChanged) {
    }

    /** The resources capability. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResourcesCapability(@Nullable Boolean subscribe, @Nullable Boolean listChanged) {
    }
}
