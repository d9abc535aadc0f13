package dev.mcpspring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Builds the Jackson mapper for MCP messages: unknown fields are tolerated and nulls are left out. */
public final class McpJsonMapper {

    private McpJsonMapper() {
    }

    /** A builder with MCP's settings, to add modules or constraints before building. */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(
                    inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL));
    }

    /** A mapper with MCP's settings. */
    public static JsonMapper create() {
        return builder().build();
    }
}
