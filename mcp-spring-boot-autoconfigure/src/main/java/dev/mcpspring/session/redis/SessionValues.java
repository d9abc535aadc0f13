package dev.mcpspring.session.redis;

import java.util.HashMap;
import java.util.Map;

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

    Map<String, String> initialized(String protocolVersion, Implementation clientInfo,
            ClientCapabilities capabilities) {
        Map<String, String> fields = new HashMap<>(4);
        fields.put(RedisSession.VERSION, ProtocolVersion.canonical(protocolVersion));
        if (clientInfo != null) {
            fields.put(RedisSession.CLIENT_INFO, mapper.writeValueAsString(clientInfo));
        }
        fields.put(RedisSession.CAPABILITIES,
                mapper.writeValueAsString(capabilities == null ? ClientCapabilities.NONE : capabilities));
        return fields;
    }

    Implementation clientInfo(String json) {
        return json == null ? null : mapper.readValue(json, Implementation.class);
    }

    ClientCapabilities capabilities(String json) {
        return json == null ? ClientCapabilities.NONE : ClientCapabilities.of(mapper.readTree(json));
    }
}
