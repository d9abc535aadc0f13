package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.internal.ProtocolVersions;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a modern request's {@code _meta} says about its client, and the errors a malformed one gets before any
 * handler runs.
 */
class ModernRequestTest {

    private static final JsonRpcCodec CODEC = new JsonRpcCodec(McpJsonMapper.create());

    @Test
    void theClientIsReadFromTheMeta() {
        ModernRequest request = read("""
                {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
                 "io.modelcontextprotocol/clientCapabilities": {"sampling": {}},
                 "io.modelcontextprotocol/clientInfo": {"name": "c", "title": "C", "version": "1.2",
                     "description": "a client", "websiteUrl": "https://example.com", "later": {"x": 1}},
                 "io.modelcontextprotocol/logLevel": "warning"}""");

        assertThat(request.protocolVersion()).isEqualTo("2026-07-28");
        assertThat(request.capabilities().hasSampling()).isTrue();
        assertThat(request.capabilities().hasRoots()).isFalse();
        assertThat(request.clientInfo())
            .isEqualTo(new Implementation("c", "C", "1.2", "a client", null, "https://example.com"));
        assertThat(request.logLevel()).isEqualTo(LoggingLevel.WARNING);
    }

    @Test
    void aClientWithIconsIsBoundWhole() {
        ModernRequest request = read("""
                {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
                 "io.modelcontextprotocol/clientCapabilities": {},
                 "io.modelcontextprotocol/clientInfo": {"name": "c", "version": "1",
                     "icons": [{"src": "https://example.com/c.png"}]}}""");

        assertThat(request.clientInfo().name()).isEqualTo("c");
        assertThat(request.clientInfo().icons()).singleElement()
            .satisfies(icon -> assertThat(icon.src()).isEqualTo("https://example.com/c.png"));
    }

    @Test
    void theClientInfoIsOptional() {
        ModernRequest request = read("""
                {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
                 "io.modelcontextprotocol/clientCapabilities": {}}""");

        assertThat(request.clientInfo()).isNull();
        assertThat(request.logLevel()).isNull();
    }

    @Test
    void aClientInfoMemberThatIsNoStringIsRefusedByName() {
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read("""
                {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
                 "io.modelcontextprotocol/clientCapabilities": {},
                 "io.modelcontextprotocol/clientInfo": {"name": "c", "version": 1}}"""))
            .satisfies(ex -> assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_PARAMS))
            .withMessageContaining("clientInfo\"].version must be a string");
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read("""
                {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
                 "io.modelcontextprotocol/clientCapabilities": {},
                 "io.modelcontextprotocol/clientInfo": "c"}"""))
            .withMessageContaining("clientInfo\"] must be an object");
    }

    @Test
    void aMissingOrUnsupportedVersionIsRefused() {
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read("""
                {"io.modelcontextprotocol/clientCapabilities": {}}"""))
            .satisfies(ex -> assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_PARAMS))
            .withMessageContaining("protocolVersion\"] is required");
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read("""
                {"io.modelcontextprotocol/protocolVersion": "2099-01-01",
                 "io.modelcontextprotocol/clientCapabilities": {}}"""))
            .satisfies(ex -> assertThat(ex.code()).isEqualTo(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION))
            .withMessageContaining("2026-07-28");
    }

    private static ModernRequest read(String meta) {
        ObjectNode params = CODEC.mapper().createObjectNode().put("name", "echo");
        params.set("_meta", CODEC.mapper().readTree(meta));
        return ModernRequest.of(new JsonRpcMessage.Request(IntNode.valueOf(1), "tools/call", params),
                ProtocolVersions.all(), CODEC);
    }
}
