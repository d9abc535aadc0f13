package dev.mcpspring.session.redis;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.ProtocolVersion;
import tools.jackson.databind.ObjectMapper;

/** Writes what {@code initialize} recorded as the string fields of a session's Redis hash, and reads it back. */
final class SessionValues {

    private final ObjectMapper mapper;

    SessionValues(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Map<String, String> initialized(String protocolVersion, @Nullable Implementation clientInfo,
            @Nullable ClientCapabilities capabilities) {
        Map<String, String> fields = new HashMap<>(4);
        fields.put(RedisSession.VERSION, ProtocolVersion.canonical(protocolVersion));
        if (clientInfo != null) {
            fields.put(RedisSession.CLIENT_INFO, mapper.writeValueAsString(clientInfo));
        }
        fields.put(RedisSession.CAPABILITIES,
                mapper.writeValueAsString(capabilities == null ? ClientCapabilities.NONE : capabilities));
        return fields;
    }

    @Nullable Implementation clientInfo(@Nullable String json) {
        return json == null ? null : mapper.readValue(json, Implementation.class);
    }

    ClientCapabilities capabilities(@Nullable String json) {
        return json == null ? ClientCapabilities.NONE : ClientCapabilities.of(mapper.readTree(json));
    }
}
