package dev.mcpspring.protocol.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ProtocolVersion;

/**
 * The protocol revisions a server is configured to speak ({@code mcp.server.protocol-versions}), a subset of
 * {@link ProtocolVersion#SUPPORTED}: the legacy ones (sessions started by {@code initialize}) and the modern ones
 * (stateless, 2026-07-28 on) both on one endpoint.
 */
public final class ProtocolVersions {

    private final List<String> newestFirst;

    private final @Nullable String latestLegacy;

    private ProtocolVersions(List<String> newestFirst) {
        this.newestFirst = newestFirst;
        this.latestLegacy = newestFirst.stream().filter(v -> !ProtocolVersion.isModern(v)).findFirst().orElse(null);
    }

    /** Every revision this library implements. */
    public static ProtocolVersions all() {
        return of(ProtocolVersion.SUPPORTED);
    }

    /**
     * The given revisions.
     *
     * @throws IllegalArgumentException when one is not implemented, or none is given
     */
    public static ProtocolVersions of(Collection<String> versions) {
        List<String> enabled = new ArrayList<>();
        for (String version : versions) {
            if (!ProtocolVersion.isSupported(version)) {
                throw new IllegalArgumentException("Unknown MCP protocol version '" + version + "'; known: "
                        + String.join(", ", ProtocolVersion.SUPPORTED));
            }
            if (!enabled.contains(version)) {
                enabled.add(ProtocolVersion.canonical(version));
            }
        }
        if (enabled.isEmpty()) {
            throw new IllegalArgumentException("At least one MCP protocol version must be enabled; known: "
                    + String.join(", ", ProtocolVersion.SUPPORTED));
        }
        enabled.sort(Comparator.reverseOrder());
        return new ProtocolVersions(List.copyOf(enabled));
    }

    /** Whether {@code version} is enabled. */
    public boolean contains(String version) {
        return version != null && newestFirst.contains(version);
    }

    /** Whether a modern (stateless) revision is enabled. */
    public boolean hasModern() {
        return ProtocolVersion.isModern(newestFirst.get(0));
    }

    /** Whether a legacy (session) revision is enabled. */
    public boolean hasLegacy() {
        return latestLegacy != null;
    }

    /** The enabled revisions, newest first, as {@code server/discover} and version errors list them. */
    public List<String> newestFirst() {
        return newestFirst;
    }

    /**
     * The answer to an {@code initialize} request: the client's version when it is an enabled legacy revision,
     * else the newest enabled legacy revision, or {@code null} when no legacy revision is enabled.
     */
    public @Nullable String negotiate(@Nullable String requested) {
        return contains(requested) && !ProtocolVersion.isModern(requested) ? ProtocolVersion.canonical(requested)
                : latestLegacy;
    }
}
