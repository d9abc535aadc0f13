package dev.mcpspring.server;

import java.util.Map;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import tools.jackson.databind.JsonNode;

/** The {@link McpRequestContext} of one request, made by {@link McpServer} before its handler runs. */
final class RequestContext implements McpRequestContext {

    private final McpSession session;

    private final JsonRpcMessage.Request request;

    private final Map<String, Object> meta;

    private final Object progressToken;

    private final PeerHandle peer;

    @SuppressWarnings("unchecked")
    RequestContext(McpSession session, JsonRpcMessage.Request request, MessageSink requestStream,
            JsonRpcCodec codec) {
        this.session = session;
        this.request = request;
        JsonNode metaNode = request.params() == null ? null : request.params().get("_meta");
        this.meta = metaNode != null && metaNode.isObject() ? codec.mapper().convertValue(metaNode, Map.class)
                : Map.of();
        this.progressToken = meta.get("progressToken");
        this.peer = new RequestPeer(session, progressToken, requestStream, codec);
    }

    @Override
    public String sessionId() {
        return session.id();
    }

    @Override
    public String protocolVersion() {
        return session.protocolVersion();
    }

    @Override
    public Implementation clientInfo() {
        return session.clientInfo();
    }

    @Override
    public ClientCapabilities clientCapabilities() {
        return session.clientCapabilities();
    }

    @Override
    public JsonNode requestId() {
        return request.id();
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public Object progressToken() {
        return progressToken;
    }

    @Override
    public Map<String, Object> meta() {
        return meta;
    }

    @Override
    public PeerHandle peer() {
        return peer;
    }

    McpSession session() {
        return session;
    }
}
