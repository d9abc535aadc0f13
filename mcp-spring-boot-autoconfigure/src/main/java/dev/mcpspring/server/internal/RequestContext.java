package dev.mcpspring.server.internal;

import java.security.Principal;
import java.util.Map;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcMessage;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.McpRequestObserver;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import tools.jackson.databind.JsonNode;

/** The {@link McpRequestContext} of one request, made by {@link McpServer} before its handler runs. */
final class RequestContext implements McpRequestContext {

    private final McpSession session;

    private final JsonRpcMessage.Request request;

    private final RequestMeta meta;

    private PeerHandle peer; // set once, before the handler runs

    private final DefaultPeerHandle.PeerContext peers;

    private final MessageSink requestStream;

    private final Principal principal;

    private final TransportInfo transport;

    private McpRequestObserver.Scope scope = McpRequestObserver.Scope.NONE; // set once, before the handler runs

    RequestContext(McpSession session, JsonRpcMessage.Request request, RequestMeta meta,
            DefaultPeerHandle.PeerContext peers, MessageSink requestStream, @Nullable Principal principal,
            TransportInfo transport) {
        this.session = session;
        this.request = request;
        this.meta = meta;
        this.peers = peers;
        this.requestStream = requestStream;
        this.principal = principal;
        this.transport = transport;
    }

    /** Gives the request its peer handle, made once what it needs is known. */
    void peer(PeerHandle peer) {
        this.peer = peer;
    }

    /** Where the outcome of the request is reported. */
    McpRequestObserver.Scope scope() {
        return scope;
    }

    void scope(McpRequestObserver.Scope scope) {
        this.scope = scope;
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
    public @Nullable JsonNode params() {
        return request.params();
    }

    @Override
    public TransportInfo transport() {
        return transport;
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
        return new DefaultPeerHandle(session, null, null, null, peers, null, transport);
    }

    @Override
    public boolean closeSseStream() {
        return requestStream != null && requestStream.closeConnection();
    }

    McpSession session() {
        return session;
    }

    JsonRpcMessage.Request request() {
        return request;
    }

    MessageSink requestStream() {
        return requestStream;
    }
}
