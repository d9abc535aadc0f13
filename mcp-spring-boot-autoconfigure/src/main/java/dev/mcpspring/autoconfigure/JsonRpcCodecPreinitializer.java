package dev.mcpspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.InitializeResult;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.protocol.ServerCapabilities;

/**
 * Reads a JSON-RPC request and writes an {@code initialize} answer on Spring Boot's background
 * pre-initialisation thread while the main thread starts the application context, so that the classes Jackson
 * needs for the protocol's records are loaded before the server builds its answers at start-up and before the
 * first client connects. Boot runs it only with more than one CPU and not when
 * {@code spring.backgroundpreinitializer.ignore} is set.
 */
final class JsonRpcCodecPreinitializer implements BackgroundPreinitializer {

    @Override
    public void preinitialize() {
        JsonRpcCodec codec = new JsonRpcCodec(McpJsonMapper.create());
        byte[] request = """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                "capabilities":{},"clientInfo":{"name":"preinitializer","version":"1"}}}"""
            .getBytes(StandardCharsets.UTF_8);
        for (JsonRpcMessage message : codec.readMessages(codec.readTree(request))) {
            InitializeResult result = new InitializeResult(ProtocolVersion.LATEST,
                    new ServerCapabilities(null, Map.of(), null, null, null, null),
                    new Implementation("preinitializer", "1"), null, null);
            codec.write(new JsonRpcMessage.Response(((JsonRpcMessage.Request) message).id(), codec.toTree(result)));
        }
    }
}
