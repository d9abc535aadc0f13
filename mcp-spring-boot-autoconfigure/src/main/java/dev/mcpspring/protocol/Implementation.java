package dev.mcpspring.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Name and version of an MCP client or server ({@code clientInfo} / {@code serverInfo}).
 *
 * @param name        programmatic name
 * @param title       display name (2025-06-18 and later)
 * @param version     version string
 * @param description what the implementation does (2025-11-25)
 * @param icons       icons to show (2025-11-25)
 * @param websiteUrl  home page (2025-11-25)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Implementation(String name, @Nullable String title, String version, @Nullable String description,
        @Nullable List<Icon> icons, @Nullable String websiteUrl) {

    public Implementation(String name, String version) {
        this(name, null, version, null, null, null);
    }
}
