package dev.mcpspring.server;

import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Implementation;
import tools.jackson.databind.JsonNode;

/**
 * What a handler knows about the request it is answering: who the client is, what it can do, which revision
 * it speaks. A {@code @McpTool} method receives it by declaring a parameter of this type. It is also what an
 * {@link McpRequestObserver} sees of a request it observes.
 */
public interface McpRequestContext extends McpMessageContext {

    /** The session id, or {@code null} in stateless mode. */
    @Override
    @Nullable String sessionId();

    /**
     * The protocol revision the request is handled under. (An observer sees the {@code initialize} request too,
     * which no application handler does: its revision is {@code null} until the request has negotiated one.)
     */
    @Override
    String protocolVersion();

    /** The client's name and version from {@code initialize}, or {@code null} when unknown. */
    @Nullable Implementation clientInfo();

    /** What the client declared it can do; read-only, it may be shared with other sessions of the same client. */
    ClientCapabilities clientCapabilities();

    /** The JSON-RPC id of the request, as the client sent it. */
    @Override
    JsonNode requestId();

    /** The method being handled, for example {@code tools/call}. */
    @Override
    String method();

    /** The request's {@code params} as the client sent them, {@code null} when it sent none; not to be changed. */
    @Override
    default @Nullable JsonNode params() {
        return null;
    }

    /** The {@code progressToken} from the request's {@code _meta}, or {@code null} when the client sent none. */
    @Nullable Object progressToken();

    /** The request's {@code _meta}; empty when absent. */
    Map<String, Object> meta();

    /**
     * The authenticated principal of this request, as the transport saw it (for HTTP, the servlet request's
     * {@code getUserPrincipal()}: with Spring Security, the {@code Authentication}); {@code null} for an anonymous
     * request. A {@code @McpTool} method may also declare a {@link Principal} parameter, or an
     * {@code org.springframework.security.core.Authentication} one.
     */
    default @Nullable Principal principal() {
        return null;
    }

    /** The handle to talk back to the client while handling this request, on this request's stream. */
    PeerHandle peer();

    /**
     * A handle bound to the session rather than this request: its messages go on the session's GET stream, and it
     * stays usable after the request ends (for example from a background task).
     */
    PeerHandle sessionPeer();

    /**
     * Closes the HTTP connection of this request's SSE stream now, without ending the stream (SEP-1699 polling),
     * so a long-running handler does not hold a connection: the client reconnects after the server's {@code retry}
     * delay with a GET carrying {@code Last-Event-ID} and receives everything sent from now on, the result
     * included, exactly once. A response that was still undecided becomes an SSE stream with just a priming event.
     * <p>
     * Only possible for a client that negotiated 2025-11-25 or later in a session and accepts SSE; otherwise
     * nothing happens. Setting {@code mcp.server.sse.polling=true} does this for every request.
     *
     * @return whether the connection was closed (or had already gone) and the client can resume the stream
     */
    default boolean closeSseStream() {
        return false;
    }
}
