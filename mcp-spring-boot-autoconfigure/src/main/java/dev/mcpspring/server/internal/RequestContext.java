package dev.mcpspring.server.internal;

import java.security.Principal;
import java.util.Map;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import tools.jackson.databind.JsonNode;

/** The {@link McpRequestContext} of one request, made by {@link McpServer} before its handler runs. */
final class RequestContext implements McpRequestContext {

    private final McpSession session;

    private final JsonRpcMessage.Request request;

    private final RequestMeta meta;

    private final PeerHandle peer;

    private final DefaultPeerHandle.PeerContext peers;

    private final MessageSink requestStream;

    private final Principal principal;

    RequestContext(McpSession session, JsonRpcMessage.Request request, RequestMeta meta, PeerHandle peer,
            DefaultPeerHandle.PeerContext peers, MessageSink requestStream, Principal principal) {
        this.session = session;
        this.request = request;
        this.meta = meta;
        this.peer = peer;
        this.peers = peers;
        this.requestStream = requestStream;
        this.principal = principal;
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
        return meta.progressToken();
    }

    @Override
    public Map<String, Object> meta() {
        return meta.asMap();
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public PeerHandle peer() {
        return peer;
    }

    @Override
    public PeerHandle sessionPeer() {
        // made when asked for: few handlers need one, and every request would otherwise pay for it
        return new DefaultPeerHandle(session, null, null, null, peers, null);
    }

    @Override
    public boolean closeSseStream() {
        return requestStream != null && requestStream.closeConnection();
    }

    McpSession session() {
        return session;
    }
}
