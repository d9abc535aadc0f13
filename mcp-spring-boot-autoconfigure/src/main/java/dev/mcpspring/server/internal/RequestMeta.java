package dev.mcpspring.server.internal;

import java.util.Map;

import dev.mcpspring.protocol.McpException;
import dev.mcpspring.server.McpRequestContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code _meta} of a request. Only its progress token is read for every request; the map a handler may ask
 * for ({@link McpRequestContext#meta()}) is converted from the JSON the first time it is asked for.
 */
final class RequestMeta {

    private static final RequestMeta NONE = new RequestMeta(null, null);

    private final JsonNode json;

    private final ObjectMapper mapper;

    private volatile Map<String, Object> map;

    private RequestMeta(JsonNode json, ObjectMapper mapper) {
        this.json = json;
        this.mapper = mapper;
    }

    /** The {@code _meta} object of {@code params}; empty when there is none or it is not an object. */
    static RequestMeta of(JsonNode params, ObjectMapper mapper) {
        JsonNode meta = params == null ? null : params.get("_meta");
        return meta != null && meta.isObject() ? new RequestMeta(meta, mapper) : NONE;
    }

    /**
     * The {@code progressToken}, as {@link #asMap()} holds it, or {@code null}.
     *
     * @throws McpException -32602 when it is neither a string nor a number, which no progress notification could
     *                      carry
     */
    Object progressToken() {
        JsonNode token = json == null ? null : json.get("progressToken");
        if (token == null || token.isNull()) {
            return null;
        }
        if (!token.isString() && !token.isNumber()) {
            throw McpException.invalidParams("Invalid params: _meta.progressToken must be a string or a number");
        }
        return mapper.convertValue(token, Object.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> asMap() {
        Map<String, Object> converted = map;
        if (converted == null) {
            converted = json == null ? Map.of() : mapper.convertValue(json, Map.class);
            map = converted; // a race converts twice, to equal maps
        }
        return converted;
    }
}
