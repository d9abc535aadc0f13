package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Params of {@code tools/call}.
 *
 * @param name      the tool to call
 * @param arguments the arguments, an object (absent means none)
 * @param meta      {@code _meta}, may hold a {@code progressToken}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallToolRequest(String name, @Nullable ObjectNode arguments,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {
}
