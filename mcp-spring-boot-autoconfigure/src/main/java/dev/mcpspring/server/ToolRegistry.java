package dev.mcpspring.server;

import dev.mcpspring.server.internal.ToolNames;

/**
 * The tools this server offers, in name order. Tools added or removed while the server runs are announced to
 * every session with {@code notifications/tools/list_changed}.
 */
public class ToolRegistry extends OrderedRegistry<ToolSpecification> {

    @Override
    protected String keyOf(ToolSpecification item) {
        return item.tool().name();
    }

    @Override
    protected String sourceOf(ToolSpecification item) {
        return item.source();
    }

    @Override
    protected String kind() {
        return "tool name";
    }

    @Override
    protected void validate(ToolSpecification item) {
        ToolNames.validate(item.tool().name(), item.source());
    }
}
