package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Params of the {@code initialize} request.
 *
 * @param protocolVersion the newest revision the client speaks
 * @param capabilities    what the client can do
 * @param clientInfo      the client's name and version
 * @param meta            {@code _meta}, passed through
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitializeRequest(String protocolVersion, ClientCapabilities capabilities, Implementation clientInfo,
        @JsonProperty("_meta") @Nullable Map<String, Object> meta) {
}
