package dev.mcpspring.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code initialize}.
 *
 * @param protocolVersion the negotiated revision
 * @param capabilities    what this server offers
 * @param serverInfo      this server's name and version
 * @param instructions    optional hints for the model on how to use this server
 * @param meta            {@code _meta}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitializeResult(String protocolVersion, ServerCapabilities capabilities, Implementation serverInfo,
        @Nullable String instructions, @JsonProperty("_meta") @Nullable Map<String, Object> meta) {
}
