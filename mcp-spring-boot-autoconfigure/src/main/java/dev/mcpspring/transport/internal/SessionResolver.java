package dev.mcpspring.transport.internal;

import java.security.Principal;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.protocol.internal.ProtocolVersions;
import dev.mcpspring.server.internal.ModernRequest;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.SessionLimitExceededException;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.session.internal.SessionState;
import dev.mcpspring.transport.StreamableHttpServlet;

/**
 * Finds the session an HTTP request belongs to from its {@code Mcp-Session-Id} and {@code MCP-Protocol-Version}
 * headers, or creates one for {@code initialize}; every failure is a {@link RequestRefusedException} with the
 * status the spec asks for. In stateless mode each request gets a session of its own that is never stored.
 */
final class SessionResolver {

    /** JSON-RPC code for an unknown or expired session (implementation-defined server error range). */
    static final int SESSION_NOT_FOUND = StreamableHttpServlet.SESSION_NOT_FOUND;

    private static final Log logger = LogFactory.getLog(SessionResolver.class);

    private final SessionManager sessions;

    private final boolean stateless;

    private final ProtocolVersions versions;

    SessionResolver(SessionManager sessions, boolean stateless, ProtocolVersions versions) {
        this.sessions = sessions;
        this.stateless = stateless;
        this.versions = versions;
    }

    /**
     * Checks the protocol version header's value: absent, or a revision this server speaks; else 400 with
     * {@code UnsupportedProtocolVersionError} (-32022) listing the revisions it speaks.
     */
    void checkVersionHeader(@Nullable String version) {
        if (version != null && !versions.contains(version)) {
            McpException unsupported = ModernRequest.unsupportedVersion(version, versions);
            throw new RequestRefusedException(HttpServletResponse.SC_BAD_REQUEST, unsupported.code(),
                    "Bad Request: " + unsupported.getMessage()).data(unsupported.data());
        }
    }

    /** Creates the session for an {@code initialize} request; 503 when the limit is reached. */
    McpSession create(HttpServletRequest request) {
        if (stateless) {
            return new SessionState(null, principal(request));
        }
        try {
            return sessions.create(principal(request));
        }
        catch (SessionLimitExceededException ex) {
            throw new RequestRefusedException(HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCodes.INTERNAL_ERROR,
                    "Service Unavailable: " + ex.getMessage()).header("Retry-After", "30");
        }
    }

    /**
     * The session named by the request: 400 when the header is missing or the version header contradicts the
     * negotiated version, 404 when the session is unknown, expired or belongs to another principal.
     */
    McpSession find(HttpServletRequest request) {
        String headerVersion = request.getHeader(StreamableHttpServlet.VERSION_HEADER);
        if (stateless) {
            SessionState session = new SessionState(null, principal(request));
            session.initialize(headerVersion != null ? headerVersion : ProtocolVersion.DEFAULT_WITHOUT_HEADER, null,
                    null);
            return session;
        }
        String id = request.getHeader(StreamableHttpServlet.SESSION_HEADER);
        if (id == null || id.isBlank()) {
            throw new RequestRefusedException(HttpServletResponse.SC_BAD_REQUEST, "Bad Request: the Mcp-Session-Id "
                    + "header is required; send an initialize request first and repeat the session id it returns "
                    + "on every later request");
        }
        McpSession session = sessions.find(id).orElseThrow(SessionResolver::notFound);
        if (!Objects.equals(session.principal(), principal(request))) {
            logger.warn("Refused MCP session " + id + ": presented by a different principal than its creator");
            throw notFound();
        }
        if (headerVersion != null && ProtocolVersion.hasVersionHeader(session.protocolVersion())
                && !headerVersion.equals(session.protocolVersion())) {
            throw new RequestRefusedException(HttpServletResponse.SC_BAD_REQUEST, "Bad Request: MCP-Protocol-Version '"
                    + headerVersion + "' does not match the version " + session.protocolVersion()
                    + " negotiated for this session");
        }
        return session;
    }

    /** 404: the client should start a new session. */
    static RequestRefusedException notFound() {
        return new RequestRefusedException(HttpServletResponse.SC_NOT_FOUND, SESSION_NOT_FOUND,
                "Session not found: it expired, was deleted or never existed; send a new initialize request "
                        + "without an Mcp-Session-Id header");
    }

    private static String principal(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }
}
