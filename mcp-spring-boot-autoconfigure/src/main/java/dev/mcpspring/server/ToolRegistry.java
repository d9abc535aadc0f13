package dev.mcpspring.server;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The tools this server offers, kept in name order so that {@code tools/list} pages are stable.
 */
public class ToolRegistry {

    private final ConcurrentSkipListMap<String, ToolSpecification> tools = new ConcurrentSkipListMap<>();

    /**
     * Adds a tool.
     *
     * @throws IllegalArgumentException when the name is invalid or already taken (naming both sources)
     */
    public void add(ToolSpecification specification) {
        String name = specification.tool().name();
        ToolNames.validate(name, specification.source());
        ToolSpecification existing = tools.putIfAbsent(name, specification);
        if (existing != null) {
            throw new IllegalArgumentException("Duplicate MCP tool name '" + name + "': declared by "
                    + existing.source() + " and by " + specification.source());
        }
    }

    /** Removes a tool; {@code false} when there was none with that name. */
    public boolean remove(String name) {
        return tools.remove(name) != null;
    }

    /** The tool with this name. */
    public Optional<ToolSpecification> find(String name) {
        return Optional.ofNullable(name == null ? null : tools.get(name));
    }

    /** Every tool in name order. */
    public List<ToolSpecification> list() {
        return List.copyOf(tools.values());
    }

    /** Whether no tool is registered. */
    public boolean isEmpty() {
        return tools.isEmpty();
    }
}
