package dev.mcpspring.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * The tool parameters a client mirrors into {@code Mcp-Param-*} HTTP headers (2026-07-28, SEP-2243): every
 * property of the tool's input schema marked with {@code x-mcp-header}, reached from the root through
 * {@code properties} only.
 */
public final class ParamHeaders {

    /** The schema keyword that marks a parameter as mirrored into a header. */
    public static final String KEYWORD = "x-mcp-header";

    private ParamHeaders() {
    }

    /**
     * The header names of {@code inputSchema} (the part after {@code Mcp-Param-}) with the property path of each.
     */
    public static Map<String, List<String>> of(JsonNode inputSchema) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        collect(inputSchema, new ArrayList<>(), headers);
        return headers;
    }

    private static void collect(@Nullable JsonNode schema, List<String> path, Map<String, List<String>> headers) {
        JsonNode properties = schema == null ? null : schema.get("properties");
        if (properties == null || !properties.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            List<String> propertyPath = new ArrayList<>(path);
            propertyPath.add(property.getKey());
            JsonNode header = property.getValue().get(KEYWORD);
            if (header != null && header.isString()) {
                headers.put(header.asString(), List.copyOf(propertyPath));
            }
            collect(property.getValue(), propertyPath, headers);
        }
    }
}
