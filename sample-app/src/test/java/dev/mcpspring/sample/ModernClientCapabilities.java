package dev.mcpspring.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.modern.client.transport.McpClientTransport;
import io.modelcontextprotocol.modern.client.transport.McpTransportRequest;
import reactor.core.publisher.Flux;

/**
 * The Java SDK's 2026-07-28 client derives {@code io.modelcontextprotocol/clientCapabilities} from its input
 * handlers (form and URL elicitation only) and refuses reserved keys in application {@code _meta}; this decorator of
 * any of its transports (HTTP, stdio) rewrites the envelope of every outgoing request to declare sampling and roots
 * as well, so the tests can answer those rounds by hand.
 */
final class ModernClientCapabilities {

    private ModernClientCapabilities() {
    }

    @SuppressWarnings("unchecked")
    static McpClientTransport declaringSamplingAndRoots(McpClientTransport delegate) {
        return new McpClientTransport() {
            @Override
            public Flux<JsonRpc.JSONRPCMessage> exchange(McpTransportRequest request) {
                JsonRpc.JSONRPCRequest message = request.message();
                Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) message.params());
                Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) params.get("_meta"));
                ClientCapabilities declared = (ClientCapabilities) meta.get("io.modelcontextprotocol/clientCapabilities");
                meta.put("io.modelcontextprotocol/clientCapabilities",
                        new ClientCapabilities(null, new ClientCapabilities.Roots(), new ClientCapabilities.Sampling(),
                                declared == null ? null : declared.elicitation(), null));
                params.put("_meta", meta);
                JsonRpc.JSONRPCRequest rewritten = new JsonRpc.JSONRPCRequest(message.jsonrpc(), message.method(),
                        message.id(), params);
                return delegate.exchange(McpTransportRequest.builder(rewritten, request.protocolVersion())
                    .name(request.name())
                    .paramHeaders(request.paramHeaders())
                    .roundTimeout(request.roundTimeout())
                    .build());
            }

            @Override
            public boolean mirrorsToolParams() {
                return delegate.mirrorsToolParams();
            }
        };
    }
}
