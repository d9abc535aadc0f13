package dev.mcpspring.server;

import dev.mcpspring.protocol.Tool;

/**
 * A tool the server offers: its definition as listed, and the code that runs it.
 *
 * @param tool    the definition sent in {@code tools/list}
 * @param handler what runs on {@code tools/call}
 * @param source  where it came from, for error messages (for example {@code "WeatherTools.forecast(String)"})
 */
public record ToolSpecification(Tool tool, ToolHandler handler, String source) {

    public ToolSpecification(Tool tool, ToolHandler handler) {
        this(tool, handler, tool.name());
    }
}
