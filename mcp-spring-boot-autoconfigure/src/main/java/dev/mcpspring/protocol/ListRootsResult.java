package dev.mcpspring.protocol;

import java.util.List;

/**
 * Result of {@code roots/list}.
 *
 * @param roots the client's roots
 */
public record ListRootsResult(List<Root> roots) {

    public ListRootsResult {
        roots = roots == null ? List.of() : List.copyOf(roots);
    }
}
