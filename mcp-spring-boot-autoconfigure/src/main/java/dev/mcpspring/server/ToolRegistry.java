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
        String headers = ParamHeaders.problem(item.tool().inputSchema());
        if (headers != null) {
            throw new IllegalArgumentException("Invalid MCP tool '" + item.tool().name() + "' on " + item.source()
                    + ": " + headers + " (SEP-2243); clients drop a tool whose header marks break its rules");
        }
    }
}
